#!/usr/bin/perl
# What the web server itself answers, the same through nginx and through Apache (make
# test-http runs this file through each, WEB says which): both serve the production site
# file over HTTPS. Plain HTTP redirects; host names that are not ours get 421; static files
# and the server's own error pages (404, 411, 413, 503) carry the security headers and
# HSTS and speak Portuguese; header and body limits are the programs' limits, and a header
# over them gets a 400 in Portuguese too (Apache answers it before any virtual host).
use strict;
use warnings;
use utf8;
use Test::More;
use IO::Socket::INET;
use IO::Socket::SSL;
use Encode ();
use Portal::Test;

my $HOST = 'localhost';
diag("web server: $WEB");

# A raw exchange: REQUEST (headers, and a body if any) sent as is; the response's status,
# body (as text) and headers. For requests HTTP::Tiny would not send (a declared length
# with no body, a chunked body, a Host the certificate does not cover). Options: plain
# => 1 (HTTP on the redirecting port), sni => NAME (default localhost; '' for none),
# verify => 0 (any certificate). Waits up to 10 s.
sub raw {
    my ($request, %o) = @_;
    my $s;
    if ($o{plain}) {
        $s = IO::Socket::INET->new(PeerHost => '127.0.0.1', PeerPort => $HTTP_PORT, Timeout => 10)
            or return (0, "connect: $!", '');
    } else {
        my $sni = $o{sni} // $HOST;
        $s = IO::Socket::SSL->new(
            PeerHost => '127.0.0.1', PeerPort => $BASE_PORT, Timeout => 10,
            SSL_hostname => $sni,
            ($o{verify} // 1)
                ? (SSL_ca_file => $Portal::Test::CA_FILE, SSL_verifycn_name => $HOST, SSL_verifycn_scheme => 'http')
                : (SSL_verify_mode => SSL_VERIFY_NONE),
        ) or return (0, "connect: $SSL_ERROR", '');
    }
    print {$s} $request;
    my $out = '';
    my $until = time + 10;
    while (time < $until) {
        my $n = sysread($s, my $buf, 65536);
        last unless $n;
        $out .= $buf;
        # Done when the whole body has come (the server may keep the connection a while).
        if ($out =~ /\r\n\r\n/ && $out =~ /^Content-Length: (\d+)\r?$/mi) {
            my $cl = $1;
            last if length($out) - index($out, "\r\n\r\n") - 4 >= $cl;
        }
    }
    close $s;
    my ($status) = $out =~ m{^HTTP/1\.[01] (\d{3})};
    my ($head, $body) = split /\r\n\r\n/, $out, 2;
    return ($status // 0, Encode::decode('UTF-8', $body // ''), $head // '');
}

sub get_as { # the request line and headers of a GET of PATH with Host HOST
    my ($path, $host) = @_;
    return "GET $path HTTP/1.1\r\nHost: $host\r\nConnection: close\r\n\r\n";
}

# The Portuguese page the server answers its own error with.
sub server_page_ok {
    my ($res, $status, $heading, $label) = @_;
    local $Test::Builder::Level = $Test::Builder::Level + 1;
    status_is($res, $status, "$label: $status");
    text_has($res, $heading, "$label: the page in Portuguese");
    security_headers_ok($res, $label, static => 1);
}

subtest 'plain HTTP only redirects to HTTPS, path and query kept' => sub {
    my $r = Portal::Test::Client->new(plain => 1)->get('/clientes?q=ana&pagina=2');
    status_is($r, 301, 'GET http://localhost/clientes?q=...: 301');
    is($r->header('location'), "https://localhost:$BASE_PORT/clientes?q=ana&pagina=2", 'to the same address over HTTPS');
    $r = Portal::Test::Client->new(plain => 1, host => 'outra.localhost')->post('/entrar', [email => 'x']);
    status_is($r, 301, "an office's host, a POST: 301");
    is($r->header('location'), "https://outra.localhost:$BASE_PORT/entrar", "to the office's own host");
    ok(!$r->set_cookies->{'__Host-csrf'} && !$r->set_cookies->{csrf}, 'no cookie over plain HTTP');
};

subtest 'host names that are not ours: 421, on both ports' => sub {
    my ($st, $body) = raw(get_as('/entrar', "127.0.0.1:$BASE_PORT"), sni => '', verify => 0);
    is($st, 421, 'HTTPS without a name (an address): 421') or diag $body;
    ($st, $body) = raw(get_as('/entrar', 'portal.example.org'), sni => 'portal.example.org', verify => 0);
    is($st, 421, 'HTTPS to another name: 421') or diag $body;
    ($st, $body) = raw(get_as('/entrar', 'portal.example.org'));
    is($st, 421, 'HTTPS with our name, another Host: 421') or diag $body;
    ($st, $body) = raw(get_as('/entrar', 'portal.example.org'), plain => 1);
    is($st, 421, 'plain HTTP, another Host: 421') or diag $body;
    unlike($body, qr/Entrar|csrf/, 'no page of an office');
};

subtest 'static files: the security headers, HSTS, UTF-8 text, an hour of cache' => sub {
    my $c = Portal::Test::Client->new;
    my $r = $c->get('/static/css/portal.css');
    status_is($r, 200, 'the stylesheet');
    security_headers_ok($r, 'the stylesheet', static => 1);
    is($r->header('content-type'), 'text/css; charset=utf-8', 'text/css in UTF-8');
    like($r->header('cache-control') // '', qr/\bmax-age=3600\b/, 'Cache-Control: max-age=3600');
    my ($js) = glob("$ROOT/htdocs/static/js/*.js");
    if ($js) {
        (my $path = $js) =~ s{^\Q$ROOT\E/htdocs}{};
        $r = $c->get($path);
        like($r->header('content-type') // '', qr{^(?:application|text)/javascript; charset=utf-8$}, "$path: JavaScript in UTF-8");
    }
    server_page_ok($c->get('/static/nao-existe.css'), 404, 'Página não encontrada', 'a static file that does not exist');
    status_is($c->get('/static/../conf/portal.hdf'), 404, 'no way out of htdocs/static');
};

subtest 'request headers: a 15,000-byte line reaches the program; over 16 KiB, our page' => sub {
    my $c = Portal::Test::Client->new;
    my $r = $c->request('GET', '/entrar', headers => { 'x-long' => 'a' x 15000 });
    status_is($r, 200, 'a 15,000-byte header line: the login page');
    for my $path ('/entrar', '/static/css/portal.css') {
        $r = $c->request('GET', $path, headers => { 'x-long' => 'a' x 20000 });
        status_is($r, 400, "$path, a 20,000-byte header line: 400 from the server");
        text_has($r, 'Pedido grande demais', '... with our page in Portuguese, not the server\'s English one');
        text_has($r, 'Apague os cookies deste site', '... which says what to do');
    }
    # Cookies are what grows in practice.
    $r = $c->request('GET', '/clientes', headers => { cookie => 'lixo=' . ('b' x 17000) });
    status_is($r, 400, 'a 17,000-byte Cookie line: 400');
    text_has($r, 'Pedido grande demais', '... the Portuguese page');
};

subtest 'bodies: a declared length over the limit is refused before it is read' => sub {
    my ($st, $body) = raw("POST /clientes HTTP/1.1\r\nHost: $HOST:$BASE_PORT\r\n"
            . "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 27262976\r\nConnection: close\r\n\r\n");
    is($st, 413, '26 MiB declared to /clientes: 413');
    like($body, qr/Arquivo grande demais/, '... the Portuguese page');
    ($st, $body) = raw("POST /importacao HTTP/1.1\r\nHost: $HOST:$BASE_PORT\r\n"
            . "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 64000000\r\nConnection: close\r\n\r\n");
    is($st, 413, '64 MB declared to /importacao (its limit is 60 MiB): 413');
    like($body, qr/Arquivo grande demais/, '... the Portuguese page');
};

subtest 'bodies: one without a declared length gets 411' => sub {
    my $form = 'email=ana%40demo.com.br&senha=x&csrf=x';
    my ($st, $body, $head) = raw("POST /entrar HTTP/1.1\r\nHost: $HOST:$BASE_PORT\r\n"
            . "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
            . "Connection: close\r\n\r\n" . sprintf('%x', length $form) . "\r\n$form\r\n0\r\n\r\n");
    is($st, 411, 'a chunked POST: 411');
    like($body, qr/Tamanho do envio não informado/, '... the Portuguese page');
    like($head, qr/^Strict-Transport-Security: max-age=31536000; includeSubDomains\r?$/mi, '... with HSTS');
    like($head, qr/^Content-Security-Policy: default-src 'none'/mi, '... and the CSP');
};

subtest 'a program that cannot be reached: 503 with the Portuguese page' => sub {
    my $sock = "$ROOT/var/test/run/honorarios.sock";
    ok(-S $sock, 'the program of /honorarios is listening') or return;
    rename($sock, "$sock.off") or return fail("rename $sock: $!");
    my $r = eval { Portal::Test::Client->new->get('/honorarios') };
    rename("$sock.off", $sock) or BAIL_OUT("could not put $sock back: $!");
    server_page_ok($r, 503, 'Portal em manutenção', 'GET /honorarios with its program gone');
    status_is(Portal::Test::Client->new->get('/honorarios'), 303, 'back: the program answers again (303 to the login)');
};

done_testing();
