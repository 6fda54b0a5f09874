#!/usr/bin/env python3
"""httpc.py: a plain HTTP client for the `docket serve` tests (stdlib only).

    httpc.py [options] METHOD URL        prints the status code

Options:
    -j JAR        cookies: read from and saved to JAR (name=value lines)
    -H 'K: V'     an extra header (repeatable); a Host header replaces the
                  default one, 'K:' with no value leaves K out
    -d k=v        a form field (repeatable), sent urlencoded
    -t PAGE       add the form token (_token) found in the HTML file PAGE
    -o FILE       write the body to FILE and the headers to FILE.h
    --no-origin   do not send Origin (sent by default with a POST)
    --body STR    send STR as the body (with -H for its Content-Type)
    --json        ask for JSON (Accept: application/json)
    --insecure    https: do not check the certificate
    --raw FILE    send the bytes of FILE as they are (a whole request) to
                  URL's host and port, and print the status code of the
                  answer (or "closed")

Every request has a 15 s timeout, so a test can never hang on the server.
"""
import http.client
import re
import socket
import ssl
import sys
import urllib.parse


def main(argv):
    jar = out = page = raw = body = None
    headers, fields = [], []
    origin = True
    insecure = False
    want_json = False
    args = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-j", "-H", "-d", "-t", "-o", "--body", "--raw"):
            v = argv[i + 1]
            i += 2
            if a == "-j":
                jar = v
            elif a == "-H":
                headers.append(v)
            elif a == "-d":
                fields.append(v)
            elif a == "-t":
                page = v
            elif a == "-o":
                out = v
            elif a == "--body":
                body = v.encode()
            else:
                raw = v
            continue
        if a == "--no-origin":
            origin = False
        elif a == "--insecure":
            insecure = True
        elif a == "--json":
            want_json = True
        else:
            args.append(a)
        i += 1
    method, url = args
    u = urllib.parse.urlsplit(url)
    port = u.port or (443 if u.scheme == "https" else 80)
    if raw:
        with open(raw, "rb") as f:
            data = f.read()
        s = socket.create_connection((u.hostname, port), timeout=15)
        if u.scheme == "https":
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            s = ctx.wrap_socket(s, server_hostname=u.hostname)
        try:
            s.sendall(data)
        except OSError:
            pass
        resp = b""
        try:
            while b"\r\n" not in resp:
                chunk = s.recv(4096)
                if not chunk:
                    break
                resp += chunk
        except OSError:
            pass
        s.close()
        m = re.match(rb"HTTP/1\.[01] (\d{3})", resp)
        print(m.group(1).decode() if m else "closed")
        return 0

    cookies = {}
    if jar:
        try:
            with open(jar) as f:
                for line in f:
                    if "=" in line:
                        k, v = line.rstrip("\n").split("=", 1)
                        cookies[k] = v
        except FileNotFoundError:
            pass
    h = {"Host": u.netloc}
    if cookies:
        h["Cookie"] = "; ".join("%s=%s" % kv for kv in cookies.items())
    if want_json:
        h["Accept"] = "application/json"
    if page:
        with open(page, encoding="utf-8") as f:
            m = re.search(r'name="_token" value="([^"]*)"', f.read())
        if m:
            fields.append("_token=" + m.group(1))
    if method == "POST" and origin:
        h["Origin"] = "%s://%s" % (u.scheme, u.netloc)
    if fields:
        pairs = [tuple(f.split("=", 1)) if "=" in f else (f, "") for f in fields]
        body = urllib.parse.urlencode(pairs).encode()
        h["Content-Type"] = "application/x-www-form-urlencoded"
    for x in headers:
        k, _, v = x.partition(":")
        k, v = k.strip(), v.strip()
        for old in [o for o in h if o.lower() == k.lower()]:
            del h[old]
        if v:
            h[k] = v
    if u.scheme == "https":
        ctx = ssl.create_default_context()
        if insecure:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        c = http.client.HTTPSConnection(u.hostname, port, timeout=15, context=ctx)
    else:
        c = http.client.HTTPConnection(u.hostname, port, timeout=15)
    path = u.path or "/"
    if u.query:
        path += "?" + u.query
    c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for k, v in h.items():
        c.putheader(k, v)
    if body is not None:
        c.putheader("Content-Length", str(len(body)))
    c.endheaders(body)
    r = c.getresponse()
    data = r.read()
    if jar:
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";", 1)[0]
                if "max-age=0" in v.lower():
                    cookies.pop(name, None)
                else:
                    cookies[name] = value
        with open(jar, "w") as f:
            for k, v in cookies.items():
                f.write("%s=%s\n" % (k, v))
    if out:
        with open(out, "wb") as f:
            f.write(data)
        with open(out + ".h", "w") as f:
            f.write("HTTP %d\n" % r.status)
            for k, v in r.getheaders():
                f.write("%s: %s\n" % (k, v))
    print(r.status)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
