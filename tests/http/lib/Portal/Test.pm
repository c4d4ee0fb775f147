package Portal::Test;

# Helpers for the HTTP tests of the portal, run against the test stack
# (scripts/stack start test): nginx on 127.0.0.1:18080, the mail catcher's API on
# 127.0.0.1:18025, MariaDB through var/test/my.cnf. Perl core modules only.
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
    $ROOT $BASE_PORT $MAIL_API DEMO_PASSWORD CSP
    sql sql_value sql_quote session_where clean_login_attempts
    mail_list mail_ids mail_wait mail_raw stack
    status_is location_is text_has text_lacks security_headers_ok
    has_input has_form csrf_of dump_res
);

# The repository: tests/http/lib/Portal/Test.pm -> four levels up.
our $ROOT = abs_path(dirname(abs_path(__FILE__)) . '/../../../..');
our $BASE_PORT = $ENV{PORTAL_TEST_PORT} || 18080;
our $MAIL_API = 'http://127.0.0.1:' . ($ENV{PORTAL_TEST_MAIL_PORT} || 18025) . '/api/messages';

use constant DEMO_PASSWORD => 'Contabil#Demo2026';
use constant CSP => "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; "
    . "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

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
    my $cnf = "$ROOT/var/test/my.cnf";
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

sub clean_login_attempts { sql('DELETE FROM login_attempts') }

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

# scripts/stack CMD test (smtp-stop, smtp-start); its output goes to stderr so that it
# does not mix with TAP. Returns true on success.
sub stack {
    my ($cmd) = @_;
    my $rc = system('sh', '-c', 'exec "$0" "$1" test 1>&2', "$ROOT/scripts/stack", $cmd);
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
# own cookie jar. Without host, requests go to http://127.0.0.1:18080 (office demo).
sub new {
    my ($class, %opt) = @_;
    my $self = bless {
        host => $opt{host},
        jar  => {},
        http => HTTP::Tiny->new(
            max_redirect => 0,
            timeout      => $opt{timeout} || 30,
            agent        => 'portal-http-tests/1',
            keep_alive   => 0,
        ),
    }, $class;
    return $self;
}

sub origin {
    my ($self) = @_;
    return 'http://' . ($self->{host} // '127.0.0.1') . ":$Portal::Test::BASE_PORT";
}

sub url { my ($self, $path) = @_; return $self->origin . $path }

sub cookie { my ($self, $name) = @_; return $self->{jar}{$name} }

sub set_cookie {
    my ($self, $name, $value) = @_;
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
    $args{peer} = '127.0.0.1' if defined $self->{host};
    my $url = $self->url($path);
    my $res = $self->{http}->request($method, $url, \%args);
    bless $res, 'Portal::Test::Response';
    $res->{origin} = $self->origin;
    $res->{req_line} = "$method $url" . (defined $self->{host} ? " (Host: $self->{host}:$Portal::Test::BASE_PORT)" : '')
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

sub session { my ($self) = @_; return $self->{jar}{sessao} }

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
