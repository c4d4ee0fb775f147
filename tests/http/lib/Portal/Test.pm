package Portal::Test;

# Helpers for the HTTP tests of the portal, run against the test stack
# (scripts/stack start test): the production site file served by nginx or Apache over
# HTTPS on 127.0.0.1:18443 (plain HTTP on 18080 only redirects), the mail catcher's API
# on 127.0.0.1:18025, MariaDB through var/test/my.cnf (PORTAL_TEST_PORT, PORTAL_TEST_CA,
# PORTAL_TEST_MYCNF... point them at another instance: scripts/faults). Perl core modules, and
# IO::Socket::SSL for HTTPS (the stack's own certificate is the one trusted).
#
#   use Portal::Test;
#   my $c = Portal::Test::Client->new;                       # default office (demo)
#   my $o = Portal::Test::Client->new(host => 'outra.localhost');
#   my $r = $c->get('/entrar');  $c->post('/entrar', [email => ..., csrf => ...]);
#   $c->login($email, $password);
#   sql("DELETE FROM login_attempts");
#   my $m = mail_wait('bruno@demo.com.br', mail_ids('bruno@demo.com.br'));
#   stack('smtp-stop');

use strict;
use warnings;
use utf8;

use Cwd qw(abs_path);
use Encode qw(decode encode);
use File::Basename qw(dirname);
use HTTP::Tiny;
use JSON::PP;
use Time::HiRes qw(sleep time);
use Test::More ();
use Exporter 'import';

our @EXPORT = qw(
    $ROOT $BASE_PORT $HTTP_PORT $WEB $MAIL_API DEMO_PASSWORD CSP HSTS
    sql sql_value sql_quote session_where clean_login_attempts
    mail_list mail_ids mail_wait mail_raw stack
    status_is location_is text_has text_lacks security_headers_ok
    has_input has_form csrf_of dump_res
);

# The repository: tests/http/lib/Portal/Test.pm -> four levels up.
our $ROOT = abs_path(dirname(abs_path(__FILE__)) . '/../../../..');
# HTTPS; plain HTTP (which only redirects) on HTTP_PORT.
our $BASE_PORT = $ENV{PORTAL_TEST_PORT} || 18443;
our $HTTP_PORT = $ENV{PORTAL_TEST_HTTP_PORT} || 18080;
# The web server in front (scripts/stack says which it started): nginx or apache.
our $WEB = $ENV{WEB} || 'nginx';
# The test stack's self-signed certificate (scripts/stack makes it).
our $CA_FILE = $ENV{PORTAL_TEST_CA} || "$ROOT/var/test/tls/cert.pem";
our $MAIL_API = 'http://127.0.0.1:' . ($ENV{PORTAL_TEST_MAIL_PORT} || 18025) . '/api/messages';

use constant DEMO_PASSWORD => 'Contabil#Demo2026';
use constant CSP => "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; "
    . "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
use constant HSTS => 'max-age=31536000; includeSubDomains';

# Test output in UTF-8 (the pages and messages are Portuguese).
{
    my $b = Test::More->builder;
    binmode $b->output,         ':encoding(UTF-8)';
    binmode $b->failure_output, ':encoding(UTF-8)';
    binmode $b->todo_output,    ':encoding(UTF-8)';
}

# ------------------------------------------------------------------ SQL

# Runs one or more statements with the mariadb client; returns the rows (array refs of
# columns, NULL as undef). Dies when the client fails.
sub sql {
    my ($stmt) = @_;
    my $cnf = $ENV{PORTAL_TEST_MYCNF} || "$ROOT/var/test/my.cnf";
    die "sql: $cnf is missing (is the test stack started?)\n" unless -f $cnf;
    my $bytes = encode('UTF-8', $stmt);
    my $pid = open(my $fh, '-|');
    die "sql: fork: $!\n" unless defined $pid;
    if (!$pid) {
        open(STDERR, '>&', \*STDOUT);
        exec('mariadb', "--defaults-file=$cnf", '--default-character-set=utf8mb4',
            'portal', '-N', '-B', '-e', $bytes) or do { print "exec mariadb: $!\n"; exit 127 };
    }
    local $/;
    my $out = <$fh> // '';
    close $fh;
    my $rc = $? >> 8;
    $out = decode('UTF-8', $out);
    die "sql failed (exit $rc): $stmt\n$out" if $rc != 0;
    my @rows;
    for my $line (split /\n/, $out) {
        my @cols = map { $_ eq 'NULL' ? undef : _unescape_batch($_) } split /\t/, $line, -1;
        push @rows, \@cols;
    }
    return @rows;
}

sub _unescape_batch {
    my ($s) = @_;
    $s =~ s/\\(.)/$1 eq 'n' ? "\n" : $1 eq 't' ? "\t" : $1 eq '0' ? "\0" : $1/ge;
    return $s;
}

# The first column of the first row (undef when there is none).
sub sql_value {
    my @rows = sql(@_);
    return @rows ? $rows[0][0] : undef;
}

sub sql_quote {
    my ($s) = @_;
    return 'NULL' unless defined $s;
    $s =~ s/\\/\\\\/g;
    $s =~ s/'/''/g;
    return "'$s'";
}

# A WHERE condition naming the sessions row of a session cookie value. Only a SHA-256 of
# the secret is stored; whether it hashes the hex text or the 32 raw bytes is the
# program's choice, so both are accepted.
sub session_where {
    my ($cookie) = @_;
    die "session_where: not a 64-hex session id: " . ($cookie // 'undef') . "\n"
        unless defined $cookie && $cookie =~ /^[0-9a-fA-F]{64}$/;
    return "(id_hash = UNHEX(SHA2('$cookie', 256)) OR id_hash = UNHEX(SHA2(UNHEX('$cookie'), 256)))";
}

# The throttles back to zero: failed logins, and reset mails sent within the hour.
sub clean_login_attempts { sql("DELETE FROM login_attempts; DELETE FROM password_tokens WHERE purpose = 'reset'") }

# ------------------------------------------------------------------ mail catcher

my $mail_http = HTTP::Tiny->new(timeout => 10, max_redirect => 0);

# The messages the catcher holds (oldest first), optionally only those sent to ADDRESS.
sub mail_list {
    my ($to) = @_;
    my $url = $MAIL_API;
    $url .= '?to=' . _uri_escape($to) if defined $to;
    my $r = $mail_http->get($url);
    die "mail API $url: $r->{status} $r->{reason}\n$r->{content}\n" unless $r->{success};
    return @{ JSON::PP->new->utf8->decode($r->{content}) };
}

# A set (hash ref) of the ids of the messages to ADDRESS now held.
sub mail_ids {
    my ($to) = @_;
    return { map { $_->{id} => 1 } mail_list($to) };
}

# Waits (polling every 100 ms, up to TIMEOUT seconds, default 15) for a message to ADDRESS
# whose id is not in SEEN (a hash ref from mail_ids). Returns it, or undef.
sub mail_wait {
    my ($to, $seen, $timeout) = @_;
    $seen ||= {};
    $timeout ||= 15;
    my $until = time + $timeout;
    while (1) {
        my @new = grep { !$seen->{ $_->{id} } } eval { mail_list($to) };
        return $new[0] if @new;
        return undef if time > $until;
        sleep 0.1;
    }
}

# The raw bytes of one message.
sub mail_raw {
    my ($id) = @_;
    (my $base = $MAIL_API) =~ s{/api/messages$}{};
    my $r = $mail_http->get("$base/messages/$id.eml");
    return $r->{success} ? $r->{content} : undef;
}

# scripts/stack CMD test (smtp-stop, smtp-start; the instance is FAULTS_INSTANCE under
# scripts/faults); its output goes to stderr so that it does not mix with TAP. Returns
# true on success.
sub stack {
    my ($cmd) = @_;
    my $rc = system('sh', '-c', 'exec "$0" "$1" "$2" 1>&2', "$ROOT/scripts/stack", $cmd,
        $ENV{FAULTS_INSTANCE} || 'test');
    return $rc == 0;
}

sub _uri_escape {
    my ($s) = @_;
    $s = encode('UTF-8', $s);
    $s =~ s/([^A-Za-z0-9\-._~])/sprintf('%%%02X', ord $1)/ge;
    return $s;
}

# ------------------------------------------------------------------ HTML helpers

# The value of the hidden field csrf in a page (response or HTML string).
sub csrf_of {
    my ($page) = @_;
    my $html = ref $page ? $page->{content} // '' : $page // '';
    for my $tag ($html =~ /(<input\b[^>]*>)/gis) {
        next unless $tag =~ /\bname\s*=\s*["']?csrf["'\s>\/]/i;
        return $1 if $tag =~ /\bvalue\s*=\s*"([^"]*)"/i || $tag =~ /\bvalue\s*=\s*'([^']*)'/i;
        return '';
    }
    return undef;
}

# True when the page has an <input> named NAME (and, when TYPE is given, of that type).
sub has_input {
    my ($page, $name, $type) = @_;
    my $html = ref $page ? $page->{content} // '' : $page;
    for my $tag ($html =~ /(<input\b[^>]*>)/gis) {
        next unless $tag =~ /\bname\s*=\s*["']?\Q$name\E(?:["'\s>\/]|$)/i;
        return 1 unless defined $type;
        return 1 if $tag =~ /\btype\s*=\s*["']?\Q$type\E(?:["'\s>\/]|$)/i;
    }
    return 0;
}

# True when the page has a <form> with method post and the given action.
sub has_form {
    my ($page, $action) = @_;
    my $html = ref $page ? $page->{content} // '' : $page;
    for my $tag ($html =~ /(<form\b[^>]*>)/gis) {
        next unless $tag =~ /\baction\s*=\s*["']\Q$action\E["']/i;
        return 1 if $tag =~ /\bmethod\s*=\s*["']?post\b/i;
    }
    return 0;
}

# ------------------------------------------------------------------ assertions

# A short account of a request and its response, for diagnostics and the report.
sub dump_res {
    my ($res) = @_;
    return 'no response' unless $res;
    my $s = "request:  $res->{req_line}\n";
    $s .= "          body: $res->{req_body}\n" if defined $res->{req_body} && length $res->{req_body};
    $s .= "response: $res->{status} $res->{reason}\n";
    for my $h (sort keys %{ $res->{headers} || {} }) {
        my $v = $res->{headers}{$h};
        $s .= "  $h: $_\n" for ref $v ? @$v : ($v);
    }
    my $body = $res->{text} // '';
    $body =~ s/\s+/ /g;
    $body = substr($body, 0, 1200) . ' [...]' if length $body > 1200;
    $s .= "  body: $body\n";
    return $s;
}

sub status_is {
    my ($res, $want, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $ok = Test::More::is($res->{status}, $want, $name);
    Test::More::diag(dump_res($res)) unless $ok;
    return $ok;
}

# The Location header, reduced to its path when it names this same server.
sub location_is {
    my ($res, $want, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $ok = Test::More::is($res->location, $want, $name);
    Test::More::diag(dump_res($res)) unless $ok;
    return $ok;
}

sub text_has {
    my ($res, $frag, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $ok = Test::More::ok(index($res->{text} // '', $frag) >= 0, $name);
    Test::More::diag("missing text: $frag\n" . dump_res($res)) unless $ok;
    return $ok;
}

sub text_lacks {
    my ($res, $frag, $name) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my $ok = Test::More::ok(index($res->{text} // '', $frag) < 0, $name);
    Test::More::diag("unexpected text: $frag\n" . dump_res($res)) unless $ok;
    return $ok;
}

# The security headers every response carries (contract: "Every response (also errors
# and redirects)"). With static => 1 (files nginx serves from htdocs/) Cache-Control:
# no-store is not required (the contract asks it of dynamic pages only).
sub security_headers_ok {
    my ($res, $label, %opt) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    my @bad;
    my $one = sub {
        my ($h) = @_;
        my $v = $res->{headers}{$h};
        return (undef, "missing $h") unless defined $v;
        return (undef, "$h sent more than once: " . join(' | ', @$v)) if ref $v;
        return ($v, undef);
    };
    my %want = (
        'x-content-type-options' => 'nosniff',
        'referrer-policy'        => 'no-referrer',
        'x-frame-options'        => 'DENY',
    );
    $want{'content-security-policy'} = CSP;
    $want{'strict-transport-security'} = HSTS;
    $want{'cache-control'} = 'no-store' unless $opt{static};
    for my $h (sort keys %want) {
        my ($v, $err) = $one->($h);
        if ($err) { push @bad, $err; next }
        (my $t = $v) =~ s/^\s+|\s+$//g;
        push @bad, "$h is '$v', want '$want{$h}'" unless lc $t eq lc $want{$h} || ($h eq 'content-security-policy' && $t eq $want{$h});
    }
    # No version number in Server, no X-Powered-By.
    my $server = $res->{headers}{server};
    push @bad, "Server header reveals a version: $server" if defined $server && !ref $server && $server =~ /\d/;
    push @bad, "X-Powered-By present" if defined $res->{headers}{'x-powered-by'};
    my $ok = Test::More::ok(!@bad, "security headers: $label");
    Test::More::diag(join("\n", @bad) . "\n" . dump_res($res)) unless $ok;
    return $ok;
}

# ------------------------------------------------------------------ the client

package Portal::Test::Response;

# The Location header, as a path when it points at the same server.
sub location {
    my ($self) = @_;
    my $l = $self->{headers}{location};
    return undef unless defined $l;
    $l = $l->[0] if ref $l;
    my $origin = $self->{origin};
    $l = substr($l, length $origin) if defined $origin && index($l, $origin) == 0 && length $l > length $origin;
    return $l;
}

sub header {
    my ($self, $name) = @_;
    my $v = $self->{headers}{ lc $name };
    return ref $v ? join(', ', @$v) : $v;
}

# The Set-Cookie headers, parsed: name => { value, attrs (lowercase name => value), raw }.
sub set_cookies {
    my ($self) = @_;
    my $v = $self->{headers}{'set-cookie'};
    my %out;
    for my $raw (ref $v ? @$v : defined $v ? ($v) : ()) {
        my ($pair, @attrs) = split /;\s*/, $raw;
        my ($n, $val) = split /=/, $pair, 2;
        my %a;
        for (@attrs) {
            my ($k, $x) = split /=/, $_, 2;
            $a{ lc $k } = defined $x ? $x : 1;
        }
        $out{$n} = { value => $val // '', attrs => \%a, raw => $raw };
    }
    return \%out;
}

package Portal::Test::Client;

use Encode qw(decode);
use Time::Local qw(timegm);

my %MON = (jan => 0, feb => 1, mar => 2, apr => 3, may => 4, jun => 5,
    jul => 6, aug => 7, sep => 8, oct => 9, nov => 10, dec => 11);

# Portal::Test::Client->new(host => 'outra.localhost'): a simulated browser with its
# own cookie jar. Without host, requests go to https://localhost:18443 (office demo);
# every host is reached at 127.0.0.1, with its name in SNI and Host. plain => 1: plain
# HTTP on the redirecting port instead.
sub new {
    my ($class, %opt) = @_;
    my $self = bless {
        host  => $opt{host} // 'localhost',
        plain => $opt{plain},
        jar   => {},
        http  => HTTP::Tiny->new(
            max_redirect => 0,
            timeout      => $opt{timeout} || 30,
            agent        => 'portal-http-tests/1',
            keep_alive   => 0,
            verify_SSL   => 1,
            # *.localhost is a wildcard on a one-label name: no public-suffix check.
            SSL_options  => { SSL_ca_file => $Portal::Test::CA_FILE, SSL_verifycn_publicsuffix => '' },
        ),
    }, $class;
    return $self;
}

sub origin {
    my ($self) = @_;
    return "http://$self->{host}:$Portal::Test::HTTP_PORT" if $self->{plain};
    return "https://$self->{host}:$Portal::Test::BASE_PORT";
}

sub url { my ($self, $path) = @_; return $self->origin . $path }

# The cookies are __Host- cookies (Session.SecureCookie = 1, as in production); the
# tests name them without the prefix.
sub cookie_name { my ($name) = @_; return $name =~ /^__Host-/ ? $name : "__Host-$name" }

sub cookie { my ($self, $name) = @_; return $self->{jar}{ cookie_name($name) } }

sub set_cookie {
    my ($self, $name, $value) = @_;
    $name = cookie_name($name);
    if (defined $value) { $self->{jar}{$name} = $value } else { delete $self->{jar}{$name} }
}

sub clear_cookies { $_[0]{jar} = {} }

# request(METHOD, PATH, content => STRING|ARRAYREF|HASHREF, headers => {...})
sub request {
    my ($self, $method, $path, %opt) = @_;
    my %h = %{ $opt{headers} || {} };
    my $content = $opt{content};
    if (ref $content) {
        $content = $self->{http}->www_form_urlencode($content);
        $h{'content-type'} //= 'application/x-www-form-urlencoded';
    }
    if (%{ $self->{jar} } && !exists $h{cookie}) {
        $h{cookie} = join '; ', map {"$_=$self->{jar}{$_}"} sort keys %{ $self->{jar} };
    }
    my %args = (headers => \%h);
    $args{content} = $content if defined $content;
    $args{peer} = '127.0.0.1';
    my $url = $self->url($path);
    my $res = $self->{http}->request($method, $url, \%args);
    bless $res, 'Portal::Test::Response';
    $res->{origin} = $self->origin;
    $res->{req_line} = "$method $url"
        . ($h{cookie} ? "  Cookie: $h{cookie}" : '');
    if (defined $content) {
        my $b = $content;
        $b = substr($b, 0, 300) . '[... ' . length($content) . ' bytes]' if length $b > 300;
        $res->{req_body} = $b;
    }
    my $text = eval { decode('UTF-8', $res->{content} // '', Encode::FB_CROAK | Encode::LEAVE_SRC) };
    $res->{utf8_ok} = defined $text ? 1 : 0;
    $text = decode('UTF-8', $res->{content} // '') unless defined $text;
    $res->{text} = _entities($text);
    $self->_store_cookies($res);
    $self->{last} = $res;
    return $res;
}

sub get  { my ($self, $path, %o) = @_; return $self->request('GET', $path, %o) }

# post(PATH, [name => value, ...] or {..} or raw string, headers => {...})
sub post {
    my ($self, $path, $fields, %o) = @_;
    my %h = %{ $o{headers} || {} };
    $h{'content-type'} //= 'application/x-www-form-urlencoded' unless ref $fields;
    return $self->request('POST', $path, content => $fields, headers => \%h);
}

# GET the page, then POST the fields with the page's csrf field added.
sub submit {
    my ($self, $page_path, $post_path, $fields) = @_;
    my $page = $self->get($page_path);
    my $csrf = Portal::Test::csrf_of($page) // '';
    return $self->post($post_path, [@$fields, csrf => $csrf]);
}

# GET /entrar and POST the login form; returns the POST's response.
sub login {
    my ($self, $email, $password, @extra) = @_;
    return $self->submit('/entrar', '/entrar', [email => $email, senha => $password, @extra]);
}

sub session { my ($self) = @_; return $self->cookie('sessao') }

sub _store_cookies {
    my ($self, $res) = @_;
    my $cookies = $res->set_cookies;
    for my $n (keys %$cookies) {
        my $c = $cookies->{$n};
        my $expired = 0;
        $expired = 1 if defined $c->{attrs}{'max-age'} && $c->{attrs}{'max-age'} =~ /^-?\d+$/ && $c->{attrs}{'max-age'} <= 0;
        if (!$expired && defined(my $e = $c->{attrs}{expires})) {
            if ($e =~ /(\d{1,2})[- ](\w{3})[- ](\d{2,4}) (\d\d):(\d\d):(\d\d)/) {
                my $y = $3 < 100 ? $3 + ($3 < 70 ? 2000 : 1900) : $3;
                my $t = eval { timegm($6, $5, $4, $1, $MON{ lc $2 }, $y) };
                $expired = 1 if defined $t && $t <= time;
            }
        }
        if ($expired || $c->{value} eq '') { delete $self->{jar}{$n} }
        else { $self->{jar}{$n} = $c->{value} }
    }
}

sub _compose { require Unicode::Normalize; return Unicode::Normalize::NFC($_[0]) }

sub _entities {
    my ($s) = @_;
    my %named = (amp => '&', lt => '<', gt => '>', quot => '"', apos => "'", nbsp => "\x{a0}");
    $s =~ s/&#(\d+);/chr($1)/ge;
    $s =~ s/&#[xX]([0-9a-fA-F]+);/chr(hex $1)/ge;
    # The accented letters of Portuguese.
    my %acc = (acute => "\x{301}", grave => "\x{300}", tilde => "\x{303}", circ => "\x{302}",
        cedil => "\x{327}", uml => "\x{308}");
    $s =~ s/&([aeiouycAEIOUYC])(acute|grave|tilde|circ|cedil|uml);/_compose($1 . $acc{$2})/ge;
    $s =~ s/&(amp|lt|gt|quot|apos|nbsp);/$named{$1}/g;
    return $s;
}

1;

# ------------------------------------------------------------------ cadastro helpers
# Imported on request: use Portal::Test qw(:DEFAULT :cadastro);

package Portal::Test;

use Encode ();

our (@EXPORT_OK, %EXPORT_TAGS);
{
    my @cad = qw(
        staff_login html_of query_string form_fields pairs_set pairs_get input_value
        textarea_value selected_value field_error list_ids linked_ids rand_tag
        cpf_random cnpj_random doc_mask client_form create_client purge_clients
        purge_marked office_id staff_id client_row audit_events audit_changes_of
        count_clients client_counts_of body_has_raw
    );
    push @EXPORT_OK, @cad;
    $EXPORT_TAGS{cadastro} = \@cad;
}

# The form fields of a client, in the order of the form (client_cols[].field).
our @CLIENT_FIELDS = qw(tipo nome fantasia documento pais inscricao_estadual
    inscricao_municipal regime nascimento email outros_emails fone_comercial
    fone_residencial celular cep logradouro numero complemento bairro cidade uf contato
    cliente fornecedor prestador prospect ativo responsavel observacao);
my %CLIENT_BOOL = map { $_ => 1 } qw(cliente fornecedor prestador prospect ativo);

# A logged-in client of office demo (or of the office of HOST) with the session's csrf
# token in $c->{csrf}.
sub staff_login {
    my ($email, %opt) = @_;
    my $c = Portal::Test::Client->new(%opt);
    my $r = $c->login($email, DEMO_PASSWORD);
    Test::More::diag("login of $email failed:\n" . dump_res($r)) unless $r->{status} == 303;
    $c->{csrf} = csrf_of($c->get('/')) // '';
    return $c;
}

# The page as a character string, entities NOT decoded (for looking at the markup).
sub html_of {
    my ($page) = @_;
    return $page // '' unless ref $page;
    return Encode::decode('UTF-8', $page->{content} // '');
}

# '?a=1&b=2' from pairs, values URL-encoded as UTF-8 (empty string without pairs).
sub query_string {
    my @p = @_;
    my @out;
    while (@p) {
        my ($k, $v) = splice @p, 0, 2;
        push @out, _uri_escape($k) . '=' . _uri_escape($v // '');
    }
    return @out ? '?' . join('&', @out) : '';
}

sub _attrs {
    my ($s) = @_;
    my %a;
    while ($s =~ /\s([a-zA-Z_:][-\w:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g) {
        my $v = defined $2 ? $2 : defined $3 ? $3 : defined $4 ? $4 : '';
        $a{ lc $1 } = Portal::Test::Client::_entities($v) unless exists $a{ lc $1 };
    }
    return \%a;
}

# What a browser would submit from the <form> whose action is ACTION (no submit button):
# an array ref of name, value pairs in document order; undef when there is no such form.
sub form_fields {
    my ($page, $action) = @_;
    my $html = html_of($page);
    my $body;
    while ($html =~ /<form\b([^>]*)>(.*?)<\/form>/gis) {
        my ($attrs, $b) = ($1, $2);
        if ((_attrs($attrs)->{action} // '') eq $action) { $body = $b; last }
    }
    return undef unless defined $body;
    my @f;
    while ($body =~ /<(input|select|textarea)\b([^>]*)>/gis) {
        my ($el, $a, $pos) = (lc $1, _attrs($2), pos($body));
        my $name = $a->{name};
        next unless defined $name && length $name;
        next if exists $a->{disabled};
        if ($el eq 'input') {
            my $type = lc($a->{type} // 'text');
            next if $type =~ /^(?:submit|button|image|reset|file)$/;
            if ($type eq 'checkbox' || $type eq 'radio') {
                push @f, $name, $a->{value} // 'on' if exists $a->{checked};
                next;
            }
            push @f, $name, $a->{value} // '';
        } elsif ($el eq 'textarea') {
            my ($t) = substr($body, $pos) =~ /^(.*?)<\/textarea>/is;
            $t //= '';
            $t =~ s/^\r?\n//;
            push @f, $name, Portal::Test::Client::_entities($t);
        } else {
            my ($opts) = substr($body, $pos) =~ /^(.*?)<\/select>/is;
            my ($first, $sel);
            while (($opts // '') =~ /<option\b([^>]*)>([^<]*)/gis) {
                my $oa = _attrs($1);
                my $v = $oa->{value} // Portal::Test::Client::_entities($2);
                $first //= $v;
                $sel //= $v if exists $oa->{selected};
            }
            push @f, $name, $sel // $first // '';
        }
    }
    return \@f;
}

# A copy of PAIRS with NAME set to VALUE (every earlier occurrence replaced by one; undef
# removes it).
sub pairs_set {
    my ($pairs, %set) = @_;
    my @out;
    my %done;
    for (my $i = 0; $i < @$pairs; $i += 2) {
        my ($k, $v) = @$pairs[ $i, $i + 1 ];
        if (exists $set{$k}) {
            next if $done{$k}++ || !defined $set{$k};
            $v = $set{$k};
        }
        push @out, $k, $v;
    }
    for my $k (sort keys %set) {
        push @out, $k, $set{$k} if !$done{$k} && defined $set{$k};
    }
    return \@out;
}

sub pairs_get {
    my ($pairs, $name) = @_;
    for (my $i = 0; $i < @$pairs; $i += 2) {
        return $pairs->[ $i + 1 ] if $pairs->[$i] eq $name;
    }
    return undef;
}

# The value attribute of the first <input name=NAME> (entities decoded), or undef.
sub input_value {
    my ($page, $name) = @_;
    my $html = html_of($page);
    while ($html =~ /<input\b([^>]*)>/gis) {
        my $a = _attrs($1);
        return $a->{value} // '' if ($a->{name} // '') eq $name;
    }
    return undef;
}

sub textarea_value {
    my ($page, $name) = @_;
    my $html = html_of($page);
    while ($html =~ /<textarea\b([^>]*)>(.*?)<\/textarea>/gis) {
        my ($a, $t) = (_attrs($1), $2);
        next unless ($a->{name} // '') eq $name;
        $t =~ s/^\r?\n//;
        return Portal::Test::Client::_entities($t);
    }
    return undef;
}

# The value of the selected <option> of <select name=NAME> ('' when none is selected).
sub selected_value {
    my ($page, $name) = @_;
    my $html = html_of($page);
    while ($html =~ /<select\b([^>]*)>(.*?)<\/select>/gis) {
        my ($a, $opts) = (_attrs($1), $2);
        next unless ($a->{name} // '') eq $name;
        while ($opts =~ /<option\b([^>]*)>/gis) {
            my $oa = _attrs($1);
            return $oa->{value} // '' if exists $oa->{selected};
        }
        return '';
    }
    return undef;
}

# The error message shown beside the field whose element has id FIELD: the first
# <p class="campo-erro"> after the element and before the next field (undef when none).
sub field_error {
    my ($page, $field) = @_;
    my $html = html_of($page);
    my $i = index($html, qq{id="$field"});
    return undef if $i < 0;
    my $rest = substr($html, $i);
    my $next = index($rest, '<div class="campo', 1);
    $rest = substr($rest, 0, $next) if $next > 0;
    return $rest =~ /<p class="campo-erro"[^>]*>(.*?)<\/p>/s ? Portal::Test::Client::_entities($1) : undef;
}

# The ids of the rows of a list page (the selection checkboxes), in order.
sub list_ids {
    my ($page) = @_;
    my $html = html_of($page);
    my @ids;
    while ($html =~ /<input\b([^>]*)>/gis) {
        my $a = _attrs($1);
        push @ids, $a->{value} if ($a->{name} // '') eq 'ids';
    }
    return @ids;
}

# The ids of the records a page links to (/clientes/N), in order, each once.
sub linked_ids {
    my ($page) = @_;
    my $html = html_of($page);
    my (@ids, %seen);
    while ($html =~ /href="\/clientes\/(\d+)"/g) { push @ids, $1 unless $seen{$1}++ }
    return @ids;
}

# A word that no record has: it goes into the names of a test's records, so that a
# search for it finds exactly them.
sub rand_tag {
    my ($prefix) = @_;
    my @c = ('a' .. 'z', 0 .. 9);
    return ($prefix // 'x') . join('', map { ('a' .. 'z')[ rand 26 ] } 1 .. 2)
        . join('', map { $c[ rand @c ] } 1 .. 7);
}

sub _dv {
    my ($vals, $weights) = @_;
    my $s = 0;
    $s += $vals->[$_] * $weights->[$_] for 0 .. $#$weights;
    my $r = $s % 11;
    return $r < 2 ? 0 : 11 - $r;
}

# A valid CPF (bare, 11 digits).
sub cpf_random {
    while (1) {
        my @d = map { int rand 10 } 1 .. 9;
        next if !grep { $_ != $d[0] } @d;
        push @d, _dv(\@d, [ 10, 9, 8, 7, 6, 5, 4, 3, 2 ]);
        push @d, _dv(\@d, [ 11, 10, 9, 8, 7, 6, 5, 4, 3, 2 ]);
        return join '', @d;
    }
}

# A valid CNPJ (bare, 14 characters), alphanumeric unless NUMERIC.
sub cnpj_random {
    my ($numeric) = @_;
    my @set = $numeric ? (0 .. 9) : (0 .. 9, 'A' .. 'Z');
    my @c = map { $set[ rand @set ] } 1 .. 12;
    my @v = map { ord($_) - 48 } @c;
    push @v, _dv(\@v, [ 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2 ]);
    push @v, _dv(\@v, [ 6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2 ]);
    return join('', @c) . $v[12] . $v[13];
}

# 12345678909 -> 123.456.789-09 ; 12ABC34501DE35 -> 12.ABC.345/01DE-35
sub doc_mask {
    my ($b) = @_;
    return "$1.$2.$3-$4" if $b =~ /^(\d{3})(\d{3})(\d{3})(\d{2})$/;
    return "$1.$2.$3/$4-$5" if $b =~ /^(\w{2})(\w{3})(\w{3})(\w{4})(\d{2})$/;
    return $b;
}

# The fields of the client form: defaults (PJ, cliente, ativo) overridden by FIELDS;
# booleans sent as "1" when true and left out when false (unchecked boxes); undef values
# left out. Fields that are not the record's (versao, confirmar_duplicado...) follow.
sub client_form {
    my %f = (tipo => 'PJ', cliente => 1, ativo => 1, @_);
    my %known = map { $_ => 1 } @CLIENT_FIELDS;
    my @p;
    for my $k (@CLIENT_FIELDS, sort grep { !$known{$_} } keys %f) {
        my $v = $f{$k};
        next unless defined $v;
        if ($CLIENT_BOOL{$k}) { push @p, $k, '1' if $v; next }
        push @p, $k, $v;
    }
    return \@p;
}

# POST /clientes/novo as the logged-in client C. Returns the new id (undef unless the
# answer was 303 to /clientes/N?criado=1), and in list context the response too.
sub create_client {
    my ($c, %f) = @_;
    my $r = $c->post('/clientes/novo', [ @{ client_form(%f) }, csrf => $c->{csrf} ]);
    my ($id) = $r->{status} == 303 && ($r->location // '') =~ m{^/clientes/(\d+)\?criado=1$};
    Test::More::diag("create_client failed:\n" . dump_res($r)) unless $id;
    return wantarray ? ($id, $r) : $id;
}

sub office_id {
    my ($slug) = @_;
    return sql_value('SELECT id FROM offices WHERE slug = ' . sql_quote($slug));
}

sub staff_id {
    my ($email) = @_;
    return sql_value('SELECT id FROM staff_users WHERE email = ' . sql_quote($email));
}

# One client row as a hash (columns of table clients), or undef.
sub client_row {
    my ($id) = @_;
    my @cols = qw(id office_id kind name trade_name document country state_reg city_reg
        tax_regime birth_date email other_emails phone_work phone_home phone_mobile cep
        street number complement district city uf contact_name is_client is_supplier
        is_provider is_prospect active responsible_id observation version trashed
        deleted_at created_at updated_at);
    my @rows = sql('SELECT ' . join(', ', @cols) . ' FROM clients WHERE id = ' . int($id));
    return undef unless @rows;
    my %h;
    @h{@cols} = @{ $rows[0] };
    return \%h;
}

# The audit events of a client, oldest first: [{ id, action, actor, channel, user_id }].
sub audit_events {
    my ($id) = @_;
    return map { { id => $_->[0], action => $_->[1], actor => $_->[2], channel => $_->[3], user_id => $_->[4] } }
        sql("SELECT id, action, actor, channel, user_id FROM audit_events WHERE entity = 'client'"
            . ' AND entity_id = ' . int($id) . ' ORDER BY id');
}

# field => [old, new] of one audit event.
sub audit_changes_of {
    my ($event_id) = @_;
    return { map { $_->[0] => [ $_->[1], $_->[2] ] }
        sql('SELECT field, old_value, new_value FROM audit_changes WHERE event_id = ' . int($event_id)) };
}

# How many clients of the office (default demo) match a WHERE condition.
sub count_clients {
    my ($where) = @_;
    return sql_value("SELECT COUNT(*) FROM clients WHERE $where");
}

# [active, inactive, trashed] of client_counts for an office id.
sub client_counts_of {
    my ($office) = @_;
    my @r = sql('SELECT active, inactive, trashed FROM client_counts WHERE office_id = ' . int($office));
    return @r ? [ map { $_ + 0 } @{ $r[0] } ] : [ 0, 0, 0 ];
}

# Deletes clients through SQL, keeping client_counts right (their words, tags and notes
# go with them by foreign key; audit rows stay).
sub purge_clients {
    my @ids = grep { /^\d+$/ } @_;
    return unless @ids;
    my $in = join ',', @ids;
    sql("UPDATE client_counts cc JOIN (SELECT office_id,"
        . " SUM(active = 1 AND trashed = 0) a, SUM(active = 0 AND trashed = 0) i, SUM(trashed = 1) t"
        . " FROM clients WHERE id IN ($in) GROUP BY office_id) x ON x.office_id = cc.office_id"
        . " SET cc.active = cc.active - x.a, cc.inactive = cc.inactive - x.i, cc.trashed = cc.trashed - x.t;"
        . " DELETE FROM clients WHERE id IN ($in)");
}

# Purges every client whose name contains MARKER (any office) and the tags named with it.
sub purge_marked {
    my ($marker) = @_;
    return unless defined $marker && length $marker >= 6;
    my $like = sql_quote('%' . $marker . '%');
    purge_clients(map { $_->[0] } sql("SELECT id FROM clients WHERE name LIKE $like"));
    sql("DELETE FROM tags WHERE name LIKE $like");
}

# True when the raw bytes of a response contain FRAG (UTF-8 encoded).
sub body_has_raw {
    my ($res, $frag) = @_;
    return index($res->{content} // '', Encode::encode('UTF-8', $frag)) >= 0;
}

# ------------------------------------------------------------------ importação helpers
# Imported on request: use Portal::Test qw(:DEFAULT :importacao);
{
    my @imp = qw(upload import_id_of status_of wait_status);
    push @EXPORT_OK, @imp;
    $EXPORT_TAGS{importacao} = \@imp;
}

# POST /importacao of a file as the logged-in staff member C (multipart, as a browser).
sub upload {
    my ($c, $name, $bytes, %o) = @_;
    my $bd = 'xYzBoundary' . int(rand(1e9));
    my $fname = Encode::encode('UTF-8', $name);
    my $body = "--$bd\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n$c->{csrf}\r\n"
        . "--$bd\r\nContent-Disposition: form-data; name=\"arquivo\"; filename=\"$fname\"\r\n"
        . "Content-Type: " . ($o{type} // 'text/csv') . "\r\n\r\n$bytes\r\n--$bd--\r\n";
    return $c->post('/importacao', $body, headers => { 'content-type' => "multipart/form-data; boundary=$bd" });
}

# The import an upload answered with (303 to /importacao/N), or undef.
sub import_id_of {
    my ($r) = @_;
    return ($r->{status} == 303 && ($r->location // '') =~ m{^/importacao/(\d+)$}) ? $1 : undef;
}

sub status_of { return sql_value("SELECT status FROM imports WHERE id = " . int($_[0])) }

# Waits (up to 60 s) until the import's status is one of the wanted ones.
sub wait_status {
    my ($id, @want) = @_;
    my %w = map { $_ => 1 } @want;
    my $until = Time::HiRes::time() + 60;
    my $s;
    while (Time::HiRes::time() < $until) {
        $s = status_of($id);
        return $s if $w{$s};
        Time::HiRes::sleep(0.1);
    }
    return $s;
}

1;
