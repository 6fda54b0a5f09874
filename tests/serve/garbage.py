#!/usr/bin/env python3
"""garbage.py BASE N SEED: N hostile or broken requests to docket serve:
random bytes, truncated or oversized request lines and headers, bodies
shorter or longer than their Content-Length, bad percent-escapes, NUL and
control bytes in paths, queries and form fields, huge cookies.  Each on
its own connection; prints how many got an answer (any status), were
closed by the server, or got nothing within 0.3 s (an incomplete request
the server is still waiting on, as it should: it closes those after its
idle timeout, and serves everyone else meanwhile).  The shell test then
checks that the server still answers, at once."""
import random
import socket
import sys
import urllib.parse

base, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
u = urllib.parse.urlsplit(base)
host = u.netloc
rnd = random.Random(seed)


def rbytes(k):
    return bytes(rnd.randrange(256) for _ in range(k))


def one():
    kind = rnd.randrange(10)
    path = rnd.choice([b"/", b"/items/MKT-1.html", b"/move", b"/new", b"/login",
                       b"/items/%00", b"/%zz", b"/items/" + b"A" * 5000, b"/?" + b"q=%" * 300,
                       b"/board?name=" + rbytes(20).replace(b" ", b"_").replace(b"\r", b"").replace(b"\n", b""),
                       b"/static/../../etc/passwd", b"//evil.example/"])
    method = rnd.choice([b"GET", b"POST", b"HEAD", b"PUT", b"G\x00T", b"BREW", b"POST"])
    hdr = [b"Host: " + host.encode()]
    body = b""
    if kind == 0:
        return rbytes(rnd.randrange(1, 3000))
    if kind == 1:
        hdr.append(b"Cookie: docket_session_1=" + b"A" * rnd.randrange(1, 70000))
    if kind == 2:
        hdr.append(b"X-Long: " + b"x" * rnd.randrange(60000, 120000))
    if kind in (3, 4, 5):
        method = b"POST"
        fields = b"&".join(rnd.choice([b"_token=", b"id=MKT-1", b"where=top", b"%ZZ=%", b"a\x00b=c",
                                       b"version=" + rbytes(8).hex().encode(), rbytes(5)])
                           for _ in range(rnd.randrange(1, 40)))
        body = fields
        hdr.append(b"Content-Type: " + rnd.choice([b"application/x-www-form-urlencoded",
                                                   b"multipart/form-data; boundary=xyz",
                                                   b"multipart/form-data", b"text/plain"]))
        length = len(body) + rnd.choice([0, 0, -3, 10, 100000])
        hdr.append(b"Content-Length: " + str(max(length, 0)).encode())
        hdr.append(b"Origin: " + rnd.choice([b"http://" + host.encode(), b"null", b"http://evil.example"]))
    if kind == 6:
        method = b"POST"
        body = b"--xyz\r\nContent-Disposition: form-data; name=\"a\"; filename=\"f\"\r\n\r\n" + rbytes(100) + b"\r\n--xyz--\r\n"
        hdr.append(b"Content-Type: multipart/form-data; boundary=xyz")
        hdr.append(b"Content-Length: " + str(len(body)).encode())
    if kind == 7:
        hdr = [rbytes(rnd.randrange(1, 200)) for _ in range(rnd.randrange(1, 10))]
    if kind == 8:
        hdr.append(b"Transfer-Encoding: chunked")
        method = b"POST"
        body = b"ffffffff\r\n" + rbytes(50)
    req = method + b" " + path + b" HTTP/1." + rnd.choice([b"1", b"0", b"9"]) + b"\r\n"
    req += b"\r\n".join(hdr) + b"\r\n\r\n" + body
    if kind == 9:
        req = req[:rnd.randrange(1, len(req))]
    return req


answered = closed = timeouts = 0
for i in range(n):
    data = one()
    s = socket.create_connection((u.hostname, u.port), timeout=0.3)
    try:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        got = s.recv(64)
        if got.startswith(b"HTTP/1."):
            answered += 1
        else:
            closed += 1
    except socket.timeout:
        timeouts += 1
    except OSError:
        closed += 1
    finally:
        s.close()
print("answered %d closed %d waiting %d" % (answered, closed, timeouts))
