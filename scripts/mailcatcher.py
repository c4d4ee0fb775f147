#!/usr/bin/python3
"""Local SMTP catcher for the development and test stacks.

    /usr/bin/python3 scripts/mailcatcher.py --smtp-port 2525 --http-port 8025 --dir var/mail

Accepts every message on 127.0.0.1:SMTP (no relay, any AUTH is accepted) and keeps it
as DIR/<id>.eml, exactly the bytes received; the envelope (MAIL FROM, RCPT TO) goes
beside it in DIR/<id>.json. Ids sort in arrival order. Both files are written to a
temporary name and renamed, so a reader never sees half a message.

HTTP on 127.0.0.1:HTTP:
  GET    /                    the messages, newest first (HTML, Portuguese)
  GET    /messages/<id>       one message: headers and decoded text body (HTML)
  GET    /messages/<id>.eml   the raw message
  GET    /api/messages        JSON list, oldest first: id, from, to (envelope
                              recipients), subject (decoded), date, text (decoded
                              text/plain body); also envelope_from, header_to,
                              message_id, received, html, attachments.
                              ?to=ADDRESS keeps the messages sent to ADDRESS.
  GET    /api/messages/<id>   one message in the same form
  DELETE /api/messages        delete every message
  DELETE /api/messages/<id>   delete one message

Fault controls (the fault plan, tests/faults/F4-*), JSON bodies:
  GET    /api/control         the controls in force and their counters (refused,
                              held: replies to DATA held now; holds: ever held;
                              released: held and then sent, or their client gone)
  PUT    /api/control/refuse  {"code": 451, "stage": "rcpt"|"data", "seconds": N,
                              "to": ADDRESS}: answer code (400..599) to RCPT TO (the
                              recipient refused, nothing stored) or to the end of DATA
                              (the message not stored); for N seconds, or until DELETE
                              when seconds is absent; only for the recipient ADDRESS
                              when "to" is given (then any number of such refusals, one
                              per address, may be in force beside one for everybody)
  DELETE /api/control/refuse  every refusal ends
  PUT    /api/control/hold    {"seconds": N}: each message is stored at the end of DATA
                              but its 250 is held back for N seconds (default 3600) or
                              until DELETE, as a server whose reply is lost after it
                              took the message
  DELETE /api/control/hold    the held replies go out; no more holding

Needs Debian's python3-aiosmtpd (hence /usr/bin/python3, not the first python3 on PATH).
"""

import argparse
import asyncio
import email
import email.header
import email.policy
import email.utils
import html
import json
import os
import re
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

ID_RE = re.compile(r"^[0-9]{8}-[0-9]{6}-[0-9]{9}$")


class Store:
    """The message directory. Messages never change once written, so a parsed
    summary is cached per id."""

    def __init__(self, directory):
        self.dir = os.path.abspath(directory)
        os.makedirs(self.dir, exist_ok=True)
        self._lock = threading.Lock()
        self._last_ns = 0
        self._cache = {}
        # Leftovers of a write interrupted by a crash.
        for name in os.listdir(self.dir):
            if name.startswith(".tmp-"):
                try:
                    os.unlink(os.path.join(self.dir, name))
                except OSError:
                    pass

    def _new_id(self):
        with self._lock:
            ns = max(time.time_ns(), self._last_ns + 1)
            self._last_ns = ns
        secs, frac = divmod(ns, 1_000_000_000)
        return time.strftime("%Y%m%d-%H%M%S", time.gmtime(secs)) + "-%09d" % frac

    def _write_atomic(self, name, data):
        tmp = os.path.join(self.dir, ".tmp-" + name)
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, os.path.join(self.dir, name))

    def add(self, raw, mail_from, rcpt_tos, peer):
        mid = self._new_id()
        envelope = {
            "mail_from": mail_from,
            "rcpt_tos": list(rcpt_tos),
            "peer": peer,
            "received": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        # The .eml is what makes a message exist: write the envelope first.
        self._write_atomic(mid + ".json", json.dumps(envelope).encode())
        self._write_atomic(mid + ".eml", raw)
        return mid

    def ids(self):
        try:
            names = os.listdir(self.dir)
        except FileNotFoundError:
            return []
        return sorted(n[:-4] for n in names if n.endswith(".eml") and ID_RE.match(n[:-4]))

    def raw(self, mid):
        if not ID_RE.match(mid):
            return None
        try:
            with open(os.path.join(self.dir, mid + ".eml"), "rb") as f:
                return f.read()
        except FileNotFoundError:
            return None

    def envelope(self, mid):
        try:
            with open(os.path.join(self.dir, mid + ".json"), "rb") as f:
                return json.loads(f.read())
        except (OSError, ValueError):
            return {}

    def summary(self, mid):
        with self._lock:
            cached = self._cache.get(mid)
        if cached is not None:
            return cached
        raw = self.raw(mid)
        if raw is None:
            return None
        s = summarize(mid, raw, self.envelope(mid))
        with self._lock:
            self._cache[mid] = s
        return s

    def delete(self, mid=None):
        targets = self.ids() if mid is None else [mid]
        n = 0
        for m in targets:
            if not ID_RE.match(m):
                continue
            try:
                os.unlink(os.path.join(self.dir, m + ".eml"))
                n += 1
            except FileNotFoundError:
                pass
            try:
                os.unlink(os.path.join(self.dir, m + ".json"))
            except FileNotFoundError:
                pass
            with self._lock:
                self._cache.pop(m, None)
        return n


def _header(msg, name):
    """A header as text, RFC 2047 words decoded; never raises."""
    try:
        v = msg.get(name)
        return "" if v is None else str(v)
    except Exception:
        pass
    try:
        v = msg.get_all(name, failobj=[""])[0]
        return str(email.header.make_header(email.header.decode_header(str(v))))
    except Exception:
        return ""


def _part_text(part):
    try:
        return part.get_content()
    except Exception:
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "utf-8"
        try:
            return payload.decode(charset, errors="replace")
        except LookupError:
            return payload.decode("utf-8", errors="replace")


def _body(msg, subtype):
    try:
        part = msg.get_body(preferencelist=(subtype,))
    except Exception:
        part = None
    if part is None:
        return ""
    text = _part_text(part)
    if not isinstance(text, str):
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def summarize(mid, raw, env):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    attachments = []
    try:
        for part in msg.iter_attachments():
            attachments.append({
                "filename": part.get_filename() or "",
                "content_type": part.get_content_type(),
            })
    except Exception:
        pass
    rcpts = env.get("rcpt_tos") or [a for _, a in email.utils.getaddresses([_header(msg, "To")]) if a]
    return {
        "id": mid,
        "from": _header(msg, "From") or env.get("mail_from", ""),
        "to": rcpts,
        "subject": _header(msg, "Subject"),
        "date": _header(msg, "Date") or env.get("received", ""),
        "text": _body(msg, "plain"),
        "html": _body(msg, "html"),
        "envelope_from": env.get("mail_from", ""),
        "header_to": _header(msg, "To"),
        "message_id": _header(msg, "Message-ID"),
        "received": env.get("received", ""),
        "attachments": attachments,
        "size": len(raw),
    }


class Faults:
    """The fault controls: refusals (by stage, for a time or until cleared, for one
    recipient or everybody) and the held reply to DATA. Changed from the HTTP thread,
    read from the SMTP loop's thread: every access under the lock; the hold's release
    is an asyncio event set on the SMTP loop."""

    def __init__(self):
        self._lock = threading.Lock()
        self._refusals = {}   # recipient ("" for everybody) -> (code, stage, until or None)
        self._hold_until = None
        self._release = None  # asyncio.Event of the current hold
        self.loop = None
        self.refused = 0
        self.held = 0
        self.holds = 0
        self.released = 0

    def refusal(self, stage, recipients):
        """The code to answer at stage for these recipients, or None."""
        now = time.monotonic()
        with self._lock:
            for who in list(recipients) + [""]:
                r = self._refusals.get(who.lower())
                if r is None:
                    continue
                code, st, until = r
                if until is not None and now >= until:
                    del self._refusals[who.lower()]
                    continue
                if st == stage:
                    self.refused += 1
                    return code
        return None

    def set_refusal(self, code, stage, seconds, to):
        until = None if seconds is None else time.monotonic() + seconds
        with self._lock:
            self._refusals[(to or "").lower()] = (code, stage, until)

    def clear_refusals(self):
        with self._lock:
            self._refusals.clear()

    def set_hold(self, seconds):
        with self._lock:
            self._hold_until = time.monotonic() + seconds

    def clear_hold(self):
        with self._lock:
            self._hold_until = None
            ev = self._release
            self._release = None
        if ev is not None and self.loop is not None:
            self.loop.call_soon_threadsafe(ev.set)

    def hold_for(self):
        """Seconds to hold this reply (and the event that ends it early), or None."""
        with self._lock:
            if self._hold_until is None:
                return None
            left = self._hold_until - time.monotonic()
            if left <= 0:
                self._hold_until = None
                return None
            if self._release is None:
                self._release = asyncio.Event()
            return left, self._release

    def count(self, name, delta):
        with self._lock:
            setattr(self, name, getattr(self, name) + delta)

    def state(self):
        now = time.monotonic()
        with self._lock:
            refuse = [{"to": who, "code": c, "stage": st,
                       "seconds_left": None if u is None else round(max(0.0, u - now), 1)}
                      for who, (c, st, u) in sorted(self._refusals.items())]
            hold = None if self._hold_until is None else round(max(0.0, self._hold_until - now), 1)
            return {"refuse": refuse, "hold_seconds_left": hold, "refused": self.refused,
                    "held": self.held, "holds": self.holds, "released": self.released}


def refusal_reply(code):
    return "%d %s" % (code, "4.3.0 Tente mais tarde (falha simulada)" if code < 500
                      else "5.7.1 Recusado (falha simulada)")


class Handler:
    def __init__(self, store, faults):
        self.store = store
        self.faults = faults

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        code = self.faults.refusal("rcpt", [address])
        if code is not None:
            print("mailcatcher: RCPT %s refused with %d" % (address, code), flush=True)
            return refusal_reply(code)
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        code = self.faults.refusal("data", envelope.rcpt_tos)
        if code is not None:
            print("mailcatcher: DATA to %s refused with %d" % (",".join(envelope.rcpt_tos), code),
                  flush=True)
            return refusal_reply(code)
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        peer = session.peer[0] if isinstance(session.peer, tuple) else str(session.peer)
        mid = self.store.add(raw, envelope.mail_from, envelope.rcpt_tos, peer)
        print("mailcatcher: %s from %s to %s (%d bytes)"
              % (mid, envelope.mail_from, ",".join(envelope.rcpt_tos), len(raw)), flush=True)
        hold = self.faults.hold_for()
        if hold is not None:
            seconds, release = hold
            print("mailcatcher: %s stored; its 250 held for up to %.0f s" % (mid, seconds), flush=True)
            self.faults.count("held", 1)
            self.faults.count("holds", 1)
            try:
                await asyncio.wait_for(release.wait(), timeout=seconds)
            except asyncio.TimeoutError:
                pass
            finally:
                self.faults.count("held", -1)
                self.faults.count("released", 1)
        return "250 2.0.0 OK " + mid


def accept_any_login(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=True)


PAGE = """<!DOCTYPE html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>{title}</title>
<style>
body{{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}}
table{{border-collapse:collapse;width:100%}}
th,td{{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}}
th{{background:#f3f3f3}} pre{{white-space:pre-wrap;background:#f7f7f7;padding:1rem}}
dt{{font-weight:bold}} dd{{margin:0 0 .4rem 0}} .vazio{{color:#666}}
</style></head><body>
{body}
</body></html>
"""


def esc(s):
    return html.escape(str(s), quote=True)


class Web(BaseHTTPRequestHandler):
    server_version = "mailcatcher"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    store = None  # set in main
    faults = None  # set in main

    def log_message(self, fmt, *args):
        pass

    def _send(self, status, body, ctype, extra=()):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _html(self, status, title, body):
        self._send(status, PAGE.format(title=esc(title), body=body), "text/html; charset=utf-8")

    def _json(self, status, obj):
        self._send(status, json.dumps(obj, ensure_ascii=False, indent=1), "application/json; charset=utf-8")

    def _not_found(self):
        if self.path.startswith("/api/"):
            self._json(404, {"error": "não encontrado"})
        else:
            self._html(404, "Não encontrado",
                       '<h1>Mensagem não encontrada</h1><p><a href="/">Voltar à lista</a></p>')

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        try:
            if path == "/":
                return self._index()
            if path == "/api/control":
                return self._json(200, self.faults.state())
            if path == "/api/messages":
                q = urllib.parse.parse_qs(url.query)
                return self._api_list(q.get("to", [None])[0])
            m = re.match(r"^/api/messages/([^/]+)$", path)
            if m:
                s = self.store.summary(m.group(1))
                return self._json(200, s) if s else self._not_found()
            m = re.match(r"^/messages/([^/]+)\.eml$", path)
            if m:
                raw = self.store.raw(m.group(1))
                if raw is None:
                    return self._not_found()
                return self._send(200, raw, "message/rfc822",
                                  [("Content-Disposition", 'inline; filename="%s.eml"' % m.group(1))])
            m = re.match(r"^/messages/([^/]+)$", path)
            if m:
                return self._message(m.group(1))
            return self._not_found()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_DELETE(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == "/api/control/refuse":
            self.faults.clear_refusals()
            return self._json(200, self.faults.state())
        if path == "/api/control/hold":
            self.faults.clear_hold()
            return self._json(200, self.faults.state())
        if path == "/api/messages":
            return self._json(200, {"deleted": self.store.delete()})
        m = re.match(r"^/api/messages/([^/]+)$", path)
        if m and self.store.raw(m.group(1)) is not None:
            return self._json(200, {"deleted": self.store.delete(m.group(1))})
        return self._not_found()

    def _body_json(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n < 0 or n > 4096:
            raise ValueError("corpo grande demais")
        data = json.loads(self.rfile.read(n) or b"{}")
        if not isinstance(data, dict):
            raise ValueError("esperado um objeto JSON")
        return data

    def do_PUT(self):
        path = urllib.parse.urlsplit(self.path).path
        try:
            body = self._body_json()
            seconds = body.get("seconds")
            if seconds is not None and (not isinstance(seconds, (int, float)) or seconds < 0):
                raise ValueError("seconds: um número >= 0")
            if path == "/api/control/refuse":
                code = body.get("code", 451)
                stage = body.get("stage", "rcpt")
                to = body.get("to") or ""
                if not isinstance(code, int) or not 400 <= code <= 599:
                    raise ValueError("code: de 400 a 599")
                if stage not in ("rcpt", "data"):
                    raise ValueError("stage: rcpt ou data")
                if not isinstance(to, str) or len(to) > 254:
                    raise ValueError("to: um endereço")
                self.faults.set_refusal(code, stage, seconds, to)
            elif path == "/api/control/hold":
                self.faults.set_hold(3600 if seconds is None else seconds)
            else:
                return self._not_found()
        except ValueError as e:
            return self._json(400, {"error": str(e)})
        print("mailcatcher: control %s %s" % (path, json.dumps(body)), flush=True)
        self._json(200, self.faults.state())

    def _api_list(self, to):
        out = []
        for mid in self.store.ids():
            s = self.store.summary(mid)
            if s is None:
                continue
            if to and to.lower() not in [a.lower() for a in s["to"]]:
                continue
            out.append(s)
        self._json(200, out)

    def _index(self):
        rows = []
        for mid in reversed(self.store.ids()):
            s = self.store.summary(mid)
            if s is None:
                continue
            rows.append(
                "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td><a href=\"/messages/%s\">abrir</a></td></tr>"
                % (esc(s["date"]), esc(s["from"]), esc(", ".join(s["to"])),
                   esc(s["subject"] or "(sem assunto)"), esc(urllib.parse.quote(mid))))
        if rows:
            table = ("<table><thead><tr><th>Data</th><th>De</th><th>Para</th><th>Assunto</th><th></th></tr>"
                     "</thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>")
        else:
            table = '<p class="vazio">Nenhuma mensagem recebida.</p>'
        n = len(rows)
        body = ("<h1>Mensagens recebidas</h1><p>%d %s. Servidor SMTP de teste: nada sai desta máquina.</p>%s"
                % (n, "mensagem" if n == 1 else "mensagens", table))
        self._html(200, "Mensagens recebidas", body)

    def _message(self, mid):
        s = self.store.summary(mid)
        if s is None:
            return self._not_found()
        fields = [("Data", s["date"]), ("De", s["from"]), ("Para (cabeçalho)", s["header_to"]),
                  ("Destinatários (envelope)", ", ".join(s["to"])), ("Remetente (envelope)", s["envelope_from"]),
                  ("Assunto", s["subject"]), ("Message-ID", s["message_id"]), ("Recebida em", s["received"])]
        dl = "".join("<dt>%s</dt><dd>%s</dd>" % (esc(k), esc(v)) for k, v in fields)
        if s["attachments"]:
            dl += "<dt>Anexos</dt><dd>%s</dd>" % esc(", ".join(
                "%s (%s)" % (a["filename"] or "sem nome", a["content_type"]) for a in s["attachments"]))
        parts = []
        if s["text"]:
            parts.append("<h2>Texto</h2><pre>%s</pre>" % esc(s["text"]))
        if s["html"]:
            parts.append("<h2>HTML (código-fonte, não interpretado)</h2><pre>%s</pre>" % esc(s["html"]))
        if not parts:
            parts.append('<p class="vazio">Sem corpo de texto.</p>')
        body = ('<p><a href="/">Voltar à lista</a> · <a href="/messages/%s.eml">mensagem original (.eml)</a></p>'
                "<h1>%s</h1><dl>%s</dl>%s"
                % (esc(urllib.parse.quote(mid)), esc(s["subject"] or "(sem assunto)"), dl, "".join(parts)))
        self._html(200, s["subject"] or "Mensagem", body)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description="Local SMTP catcher with a web view.")
    ap.add_argument("--smtp-port", type=int, default=2525)
    ap.add_argument("--http-port", type=int, default=8025)
    ap.add_argument("--dir", required=True)
    args = ap.parse_args()

    store = Store(args.dir)
    faults = Faults()
    Web.store = store
    Web.faults = faults
    httpd = QuietServer(("127.0.0.1", args.http_port), Web)
    smtp = Controller(Handler(store, faults), hostname="127.0.0.1", port=args.smtp_port,
                      enable_SMTPUTF8=True, auth_require_tls=False,
                      authenticator=accept_any_login, data_size_limit=64 * 1024 * 1024)
    smtp.start()
    faults.loop = smtp.loop

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("mailcatcher: SMTP 127.0.0.1:%d, HTTP http://127.0.0.1:%d/, dir %s"
          % (args.smtp_port, args.http_port, store.dir), flush=True)
    try:
        httpd.serve_forever(poll_interval=0.2)
    finally:
        try:
            smtp.stop()
        except Exception:
            pass
        httpd.server_close()


if __name__ == "__main__":
    main()
