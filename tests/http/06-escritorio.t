#!/usr/bin/perl
# Escritório: the operator's CLI (create -> e-mail -> set password -> login at the office's
# host, list, disable/enable), the team (invite, resend, role, the last-admin rule,
# deactivation ending a live session), two-factor sign-in (a live code from oathtool, a
# replayed code, recovery codes once, "obrigatório" forcing setup), the logo (not an image,
# too large, a decompression bomb, a good one), and everything cross-office -> 404.
use strict;
use warnings;
use utf8;
use Test::More;
use Compress::Zlib qw(compress crc32);
use Portal::Test qw(:DEFAULT :cadastro);

my $BUILD = $ENV{BUILD} || 'build/release';
my $CTL = "$ROOT/$BUILD/bin/portalctl";
my $HDF = "$ROOT/var/test/portal.hdf";
my $SLUG = 'esc' . $$ . int(rand(1000));
my $HOST = "$SLUG.localhost";
my $ADMIN = "dona\@$SLUG.com.br";
my $BEA = "bea\@$SLUG.com.br";
my $PW = 'Senha#Do-Escritorio-2026';

clean_login_attempts();

# Runs portalctl; returns (exit status, output).
sub ctl {
    my @args = @_;
    my $pid = open(my $fh, '-|');
    die "fork: $!" unless defined $pid;
    if (!$pid) {
        open(STDERR, '>&', \*STDOUT);
        exec($CTL, '-c', $HDF, @args) or exit 127;
    }
    local $/;
    my $out = <$fh> // '';
    close $fh;
    return ($? >> 8, Encode::decode('UTF-8', $out));
}

# The set-password link of the newest mail to ADDRESS not in SEEN.
sub link_of {
    my ($to, $seen) = @_;
    my $m = mail_wait($to, $seen, 15) or return;
    my ($url, $tok) = ($m->{text} // '') =~ m{(https?://\S+?/senha/nova\?t=([0-9a-f]{64}))};
    return ($m, $url, $tok);
}

sub choose_password {
    my ($c, $tok) = @_;
    return $c->submit("/senha/nova?t=$tok", '/senha/nova', [t => $tok, senha => $PW, senha2 => $PW]);
}

sub oath {
    my ($secret, $offset) = @_;
    my @now = $offset ? ('-N', "now + $offset seconds") : ();
    open(my $fh, '-|', 'oathtool', '--totp', '-b', @now, $secret) or die "oathtool: $!";
    my $code = <$fh> // '';
    close $fh;
    chomp $code;
    return $code;
}

# ---------------------------------------------------------------- the operator's CLI
{
    my ($rc, $out) = ctl('office', 'create', '--slug', 'Bad_Slug', '--name', 'X', '--admin', 'a@b.com.br');
    is($rc, 2, 'office create with an invalid slug: exit 2');
    like($out, qr/slug/i, '... and says why');
    ($rc, $out) = ctl('office', 'create', '--slug', 'demo', '--name', 'X', '--admin', 'a@b.com.br');
    is($rc, 2, 'a slug that is taken: exit 2');
    like($out, qr/taken/, '... says it is taken');
    ($rc, $out) = ctl('office', 'create', '--slug', "$SLUG", '--name', 'X', '--admin', 'not-an-email');
    is($rc, 2, 'an invalid e-mail: exit 2');
    is(sql_value("SELECT COUNT(*) FROM offices WHERE slug = '$SLUG'"), 0, 'nothing was created by the refusals');
}

my $seen = mail_ids($ADMIN);
my ($rc, $out) = ctl('office', 'create', '--slug', $SLUG, '--name', 'Silva & Filhos Contabilidade', '--admin', $ADMIN);
is($rc, 0, "office create $SLUG: exit 0") or diag $out;
my ($m, $url, $tok) = link_of($ADMIN, $seen);
ok($tok, 'the first admin gets an e-mail with a set-password link') or diag($m ? $m->{text} : 'no mail');
like($url // '', qr{^https://\Q$HOST\E:$BASE_PORT/senha/nova\?t=}, "... on the office's own host");
like($m->{text} // '', qr/Seu login: \Q$ADMIN\E/, '... naming the login');
unlike($m->{text} // '', qr/senha:\s*\S{8,}/i, '... and no password');
($rc, $out) = ctl('office', 'list');
like($out, qr/^\Q$SLUG\E\s+active\s+1\s+0\s/m, 'office list shows the new office (active, 1 staff, 0 clients)') or diag $out;

my $a = Portal::Test::Client->new(host => $HOST);
my $r = $a->get("/senha/nova?t=$tok");
status_is($r, 200, 'the invitation link opens a form (GET uses nothing)');
text_has($r, 'Crie sua senha', '... to create a password');
text_has($r, 'Silva & Filhos Contabilidade', "... with the office's name");
$r = choose_password($a, $tok);
status_is($r, 303, 'choosing the password');
location_is($r, '/entrar?aviso=senha-criada', '... goes to the login with a welcome');
status_is($a->get("/senha/nova?t=$tok"), 410, 'the link is used up');
$r = $a->login($ADMIN, $PW);
status_is($r, 303, 'the new admin logs in at the office host');
my $d = Portal::Test::Client->new;
status_is($d->login($ADMIN, $PW), 401, '... but not at another office (demo)');
status_is($a->get('/equipe'), 200, 'the new admin sees the team');

# ---------------------------------------------------------------- the team
$seen = mail_ids($BEA);
$r = $a->submit('/equipe', '/equipe/convidar', [nome => 'Beatriz Rocha', email => $BEA, papel => 'staff']);
status_is($r, 303, 'invite Beatriz');
my ($m1, undef, $tok1) = link_of($BEA, $seen);
ok($tok1, '... she gets an invitation');
like($m1->{subject} // '', qr/Convite/, '... subject says Convite');
$r = $a->submit('/equipe', '/equipe/convidar', [nome => 'Outra', email => $BEA, papel => 'staff']);
status_is($r, 422, 'inviting the same e-mail again is refused');
text_has($r, 'Já existe', '... with a message');
my $bea_id = sql_value("SELECT u.id FROM staff_users u JOIN offices o ON o.id = u.office_id WHERE o.slug = '$SLUG' AND u.email = '$BEA'");
my $admin_id = sql_value("SELECT u.id FROM staff_users u JOIN offices o ON o.id = u.office_id WHERE o.slug = '$SLUG' AND u.email = '$ADMIN'");
$r = $a->get('/equipe');
text_has($r, 'Convite pendente', 'the team lists her as invited');
$seen = mail_ids($BEA);
$r = $a->submit("/equipe/$bea_id", "/equipe/$bea_id/reenviar", []);
status_is($r, 303, 'resend the invitation');
my (undef, undef, $tok2) = link_of($BEA, $seen);
ok($tok2 && $tok2 ne $tok1, '... a new link arrives');
my $b = Portal::Test::Client->new(host => $HOST);
status_is($b->get("/senha/nova?t=$tok1"), 410, '... the replaced link no longer works');
status_is(choose_password($b, $tok2), 303, 'Beatriz chooses her password with the new link');
status_is($b->login($BEA, $PW), 303, 'Beatriz logs in');
status_is($b->get('/equipe'), 403, 'a staff member cannot open the team');
status_is($b->get('/escritorio'), 403, "... nor the office's settings");

$r = $a->submit("/equipe/$bea_id", "/equipe/$bea_id/papel", [papel => 'admin']);
location_is($r, "/equipe/$bea_id?aviso=papel", 'promote Beatriz to admin');
is(sql_value("SELECT role FROM staff_users WHERE id = $bea_id"), 'admin', '... stored');
$r = $a->submit("/equipe/$bea_id", "/equipe/$bea_id/papel", [papel => 'staff']);
is(sql_value("SELECT role FROM staff_users WHERE id = $bea_id"), 'staff', 'and back to staff');
$r = $a->submit("/equipe/$admin_id", "/equipe/$admin_id/papel", [papel => 'staff']);
location_is($r, "/equipe/$admin_id?aviso=voce-mesmo", 'the only admin cannot demote herself');
is(sql_value("SELECT role FROM staff_users WHERE id = $admin_id"), 'admin', '... still admin');
$r = $a->submit("/equipe/$admin_id", "/equipe/$admin_id/desativar", []);
is(sql_value("SELECT active FROM staff_users WHERE id = $admin_id"), 1, '... nor deactivate herself');
ok(sql_value("SELECT COUNT(*) FROM audit_events e JOIN offices o ON o.id = e.office_id WHERE o.slug = '$SLUG' AND e.action = 'role_change'") == 2,
    'both role changes are audited');

# Deactivation ends her live session at once.
status_is($b->get('/clientes'), 200, 'Beatriz is using the registry');
$r = $a->submit("/equipe/$bea_id", "/equipe/$bea_id/desativar", []);
location_is($r, "/equipe/$bea_id?aviso=desativado", 'deactivate Beatriz');
is(sql_value("SELECT COUNT(*) FROM sessions WHERE user_id = $bea_id"), 0, '... her sessions are gone');
$r = $b->get('/clientes');
status_is($r, 303, '... her next page sends her to the login');
status_is(Portal::Test::Client->new(host => $HOST)->login($BEA, $PW), 401, '... and she cannot log in');
$a->submit("/equipe/$bea_id", "/equipe/$bea_id/reativar", []);
status_is($b->login($BEA, $PW), 303, 'reactivated, she logs in again');

# ---------------------------------------------------------------- cross-office
my $bruno_id = sql_value("SELECT id FROM staff_users WHERE email = 'bruno\@demo.com.br'");
status_is($a->get("/equipe/$bruno_id"), 404, "another office's member: 404");
my $csrf = csrf_of($a->get('/equipe'));
status_is($a->post("/equipe/$bruno_id/desativar", [csrf => $csrf]), 404, '... deactivating them: 404');
status_is($a->post("/equipe/$bruno_id/segundo-fator", [csrf => $csrf]), 404, '... resetting their second factor: 404');
is(sql_value("SELECT active FROM staff_users WHERE id = $bruno_id"), 1, '... bruno is untouched');
my $ana = staff_login('ana@demo.com.br');
status_is($ana->get("/equipe/$bea_id"), 404, "demo's admin cannot see this office's member");

# ---------------------------------------------------------------- the second factor
$r = $a->get('/conta/segundo-fator');
status_is($r, 200, 'the setup page');
my ($secret) = ($r->{text} =~ /id="segredo">([A-Z2-7 ]+)</) ? ($1) : (html_of($r) =~ /id="segredo">([A-Z2-7 ]+)</);
$secret =~ s/\s+//g if defined $secret;
ok($secret && length($secret) == 32, 'shows the secret as 32 base32 characters') or diag html_of($r);
$r = $a->get('/conta/segundo-fator/qr.svg');
status_is($r, 200, 'the QR code');
like($r->header('content-type') // '', qr{^image/svg\+xml}, '... is an SVG');
like($r->{content} // '', qr/<path fill="#000" d="M/, '... with modules drawn');
$csrf = csrf_of($a->get('/conta/segundo-fator'));
$r = $a->post('/conta/segundo-fator', [csrf => $csrf, codigo => '000000']);
status_is($r, 422, 'a wrong code does not turn it on');
$r = $a->post('/conta/segundo-fator', [csrf => $csrf, codigo => oath($secret)]);
status_is($r, 200, 'the code from oathtool turns it on');
my @codes = (html_of($r) =~ /<li>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})<\/li>/g);
is(scalar @codes, 10, '... and shows ten recovery codes');
is(sql_value("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $admin_id AND used_at IS NULL"), 10, '... stored (hashed)');

my $x = Portal::Test::Client->new(host => $HOST);
$r = $x->login($ADMIN, $PW);
location_is($r, '/entrar/codigo', 'the password now leads to the code step');
ok(!$x->session, '... with no session yet');
status_is($x->get('/'), 303, '... so no page opens');
$csrf = csrf_of($x->get('/entrar/codigo'));
$r = $x->post('/entrar/codigo', [csrf => $csrf, codigo => '123456']);
status_is($r, 401, 'a wrong code: 401');
my $live = oath($secret, 30);
$r = $x->post('/entrar/codigo', [csrf => $csrf, codigo => $live]);
status_is($r, 303, "a live code from oathtool logs in");
ok($x->session, '... a session now');
status_is($x->get('/'), 200, '... pages open');

my $y = Portal::Test::Client->new(host => $HOST);
$y->login($ADMIN, $PW);
$csrf = csrf_of($y->get('/entrar/codigo'));
$r = $y->post('/entrar/codigo', [csrf => $csrf, codigo => $live]);
status_is($r, 401, 'the same code a second time is refused');
$r = $y->post('/entrar/codigo', [csrf => $csrf, codigo => uc $codes[0]]);
status_is($r, 303, 'a recovery code (typed in capitals) logs in');
my $z = Portal::Test::Client->new(host => $HOST);
$z->login($ADMIN, $PW);
$csrf = csrf_of($z->get('/entrar/codigo'));
status_is($z->post('/entrar/codigo', [csrf => $csrf, codigo => $codes[0]]), 401, 'the same recovery code twice: refused');
clean_login_attempts();

# ---------------------------------------------------------------- obrigatório
$r = $a->get('/escritorio');
my %f = (nome => 'Silva & Filhos Contabilidade', fator => 1, cnpj => '12.ABC.345/01DE-35', uf => 'sp', cep => '01310100');
$r = $a->post('/escritorio', [csrf => csrf_of($r), %f]);
location_is($r, '/escritorio?aviso=salvo', 'the admin makes the second factor obligatory');
is(sql_value("SELECT CONCAT(cnpj, ' ', uf, ' ', cep) FROM offices WHERE slug = '$SLUG'"), '12ABC34501DE35 SP 01310100', '... CNPJ, UF and CEP stored normalised');
$r = $a->post('/escritorio', [csrf => csrf_of($a->get('/escritorio')), (map { ($_ => $f{$_}) } qw(nome fator uf cep)), cnpj => '12.ABC.345/01DE-36']);
status_is($r, 422, 'a CNPJ with a wrong check digit is refused');
text_has($r, 'CNPJ inválido', '... with a message');
my $long = 'Rua da Conceição ' . ('ç' x 283);
$r = $a->post('/escritorio', [csrf => csrf_of($a->get('/escritorio')), %f, endereco => $long]);
location_is($r, '/escritorio?aviso=salvo', 'an address of 300 accented characters is taken');
is(sql_value("SELECT CHAR_LENGTH(address) FROM offices WHERE slug = '$SLUG'"), 300, '... and stored whole');
$r = $a->post('/escritorio', [csrf => csrf_of($a->get('/escritorio')), %f, endereco => $long . 'x']);
status_is($r, 422, 'one character more is refused');

my $bb = Portal::Test::Client->new(host => $HOST);
status_is($bb->login($BEA, $PW), 303, 'Beatriz (no second factor) logs in with her password');
location_is($bb->get('/'), '/conta/segundo-fator', '... and is sent to set it up');
location_is($bb->get('/clientes'), '/conta/segundo-fator', '... from every page');
$r = $bb->get('/conta/segundo-fator');
status_is($r, 200, '... the setup page opens');
text_has($r, 'O escritório exige', '... and says why');
status_is($bb->post('/conta/nome', [csrf => csrf_of($r), nome => 'X']), 403, '... other forms are refused');
my ($bsecret) = (html_of($r) =~ /id="segredo">([A-Z2-7 ]+)</);
$bsecret =~ s/\s+//g;
$r = $bb->post('/conta/segundo-fator', [csrf => csrf_of($r), codigo => oath($bsecret)]);
status_is($r, 200, '... she sets it up');
status_is($bb->get('/clientes'), 200, '... and then the registry opens');

# The admin resets Beatriz's second factor: her next login is with the password only
# (and the office's rule sends her to set it up again).
$a->submit("/equipe/$bea_id", "/equipe/$bea_id/segundo-fator", []);
is(sql_value("SELECT totp_secret IS NULL FROM staff_users WHERE id = $bea_id"), 1, 'an admin resets her second factor');
my $bc = Portal::Test::Client->new(host => $HOST);
location_is($bc->login($BEA, $PW), '/', '... she logs in with her password');
location_is($bc->get('/'), '/conta/segundo-fator', '... and sets it up again');

# ---------------------------------------------------------------- the logo
sub png_chunk { my ($t, $d) = @_; return pack('N', length $d) . $t . $d . pack('N', crc32($t . $d)) }
sub png {
    my ($w, $h, $rows) = @_;
    $rows //= ("\0" . ("\x80" x $w)) x $h;
    return "\x89PNG\r\n\x1a\n" . png_chunk('IHDR', pack('NNCCCCC', $w, $h, 8, 0, 0, 0, 0))
        . png_chunk('IDAT', compress($rows)) . png_chunk('IEND', '');
}
sub upload {
    my ($c, $name, $bytes, $type) = @_;
    my $csrf = csrf_of($c->get('/escritorio'));
    my $bd = 'xYzBoundary' . int(rand(1e9));
    my $body = "--$bd\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n$csrf\r\n"
        . "--$bd\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"$name\"\r\n"
        . "Content-Type: $type\r\n\r\n$bytes\r\n--$bd--\r\n";
    return $c->post('/escritorio/logo', $body, headers => { 'content-type' => "multipart/form-data; boundary=$bd" });
}
$r = upload($a, 'logo.png', "isto não é uma imagem\n" x 10, 'image/png');
status_is($r, 422, 'a text file as logo: refused');
text_has($r, 'não é uma imagem PNG ou JPEG', '... with a message');
$r = upload($a, 'grande.png', "\x89PNG\r\n\x1a\n" . ('x' x (201 * 1024)), 'image/png');
status_is($r, 422, 'a file over 200 KB: refused');
text_has($r, 'até 200 KB', '... with a message');
my $bomb = png(3000, 3000);
ok(length($bomb) < 200 * 1024, 'a decompression bomb: ' . length($bomb) . ' bytes that inflate to 9 MB');
$r = upload($a, 'bomba.png', $bomb, 'image/png');
status_is($r, 422, '... refused');
text_has($r, 'grande demais', '... by its declared size');
my $broken = png(40, 20);
substr($broken, -20, 4) = 'XXXX';
$r = upload($a, 'quebrado.png', $broken, 'image/png');
status_is($r, 422, 'a corrupted PNG: refused');
# A JPEG cut short decodes with libjpeg's warnings and grey rows: refused (issue 26 #19).
my $jpg = do { open(my $fh, '<:raw', "$ROOT/tests/data/logo.jpg") or die "logo.jpg: $!"; local $/; <$fh> };
$r = upload($a, 'metade.jpg', substr($jpg, 0, int(length($jpg) / 2)), 'image/jpeg');
status_is($r, 422, 'the first half of a JPEG: refused');
text_has($r, 'não é uma imagem PNG ou JPEG válida', '... as a broken image');
is(substr($jpg, -2), "\xFF\xD9", 'the sample JPEG ends in its EOI marker');
$r = upload($a, 'sem-fim.jpg', substr($jpg, 0, -2), 'image/jpeg');
status_is($r, 422, 'a JPEG without its end marker: refused');
is(sql_value("SELECT logo_version IS NULL FROM offices WHERE slug = '$SLUG'"), 1, '... and no logo was kept');
$r = upload($a, 'logo.png', png(120, 40), 'image/png');
location_is($r, '/escritorio?aviso=logo', 'a good PNG is taken');
my $v = sql_value("SELECT logo_version FROM offices WHERE slug = '$SLUG'");
ok($v && $v =~ /^[0-9a-f]{16}$/, '... with a version');
$r = $a->get('/');
like(html_of($r), qr{<img class="marca-logo" src="/escritorio/logo\?v=$v"}, 'the layout shows it');
$r = Portal::Test::Client->new(host => $HOST)->get("/escritorio/logo?v=$v");
status_is($r, 200, 'anyone can load the logo');
like($r->header('content-type') // '', qr{^image/png}, '... as image/png');
like($r->header('cache-control') // '', qr/max-age=31536000/, '... kept a year under its version');
like(Portal::Test::Client->new(host => $HOST)->get('/entrar')->{content}, qr/marca-logo/, 'the login page shows it too');
status_is(Portal::Test::Client->new(host => 'outra.localhost')->get('/escritorio/logo'), 404, "another office's logo: 404 (it has none)");
is(sql_value("SELECT COUNT(*) FROM audit_events e JOIN offices o ON o.id = e.office_id WHERE o.slug = '$SLUG' AND e.action = 'logo_update'"), 1, 'the logo change is audited');
$r = upload($a, 'logo.jpg', $jpg, 'image/jpeg');
location_is($r, '/escritorio?aviso=logo', 'a whole JPEG is taken');
$v = sql_value("SELECT logo_version FROM offices WHERE slug = '$SLUG'");
like(Portal::Test::Client->new(host => $HOST)->get("/escritorio/logo?v=$v")->header('content-type') // '', qr{^image/jpeg}, '... and served as image/jpeg');

# ---------------------------------------------------------------- disable / enable
($rc, $out) = ctl('office', 'disable', $SLUG);
is($rc, 0, 'office disable: exit 0') or diag $out;
$r = $x->get('/');
ok($r->{status} == 403 || $r->{status} == 303, 'a live session ends at once') or diag dump_res($r);
$r = Portal::Test::Client->new(host => $HOST)->get('/entrar');
status_is($r, 403, 'the login page of a disabled office: 403');
text_has($r, 'suspenso', '... with a clear notice');
is(sql_value("SELECT COUNT(*) FROM staff_users u JOIN offices o ON o.id = u.office_id WHERE o.slug = '$SLUG'"), 2, '... nothing deleted');
($rc, $out) = ctl('office', 'disable', 'nao-existe');
is($rc, 2, 'disabling an office that does not exist: exit 2');
($rc, $out) = ctl('office', 'enable', $SLUG);
is($rc, 0, 'office enable: exit 0');
status_is(Portal::Test::Client->new(host => $HOST)->get('/entrar'), 200, 'its login page is back');

clean_login_attempts();
done_testing();
