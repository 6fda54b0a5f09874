# Helpers for the hostile-input tests (t9000-t9199), sourced after lib.sh.
#
#   on_tty CMD...        run CMD with stdin, stdout and stderr on a pseudo
#                        terminal 300 columns wide (no CR added to newlines);
#                        print what it wrote; exit with its status
#   term_safe FILE       FILE holds nothing that drives a terminal: valid
#                        UTF-8, no C0 control but LF, TAB and the CR of a
#                        CRLF, no DEL, no C1 control, no bidi control
#   only_sgr FILE        every ESC in FILE starts a colour (SGR) sequence
#                        "ESC [ digits/; m", the only escapes docket writes
#   hostile_text         a title holding ESC [, an OSC 8 hyperlink, BEL, a
#                        C1 control and every bidi override/isolate

on_tty() {
	python3 - "$@" <<'EOF'
import fcntl, os, pty, struct, sys, termios
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 300, 0, 0))
    a = termios.tcgetattr(1)
    a[1] &= ~termios.ONLCR
    termios.tcsetattr(1, termios.TCSANOW, a)
    os.execvp(sys.argv[1], sys.argv[1:])
out = bytearray()
while True:
    try:
        b = os.read(fd, 65536)
    except OSError:
        break
    if not b:
        break
    out += b
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
EOF
}

term_safe() {
	python3 - "$1" <<'EOF'
import sys, unicodedata
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit(f"{sys.argv[1]}: invalid UTF-8 at byte {e.start}")
bidi = {0x061C, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
for i, ch in enumerate(text):
    c = ord(ch)
    if ch == "\r" and text[i + 1:i + 2] == "\n":
        continue
    if (c < 0x20 and ch not in "\n\t") or c == 0x7F or 0x80 <= c <= 0x9F or c in bidi:
        sys.exit(f"{sys.argv[1]}: raw U+{c:04X} at character {i}: {text[max(0, i-30):i+10]!r}")
EOF
}

only_sgr() {
	python3 - "$1" <<'EOF'
import re, sys
data = open(sys.argv[1], "rb").read()
bad = [m.start() for m in re.finditer(rb"\x1b", data)
       if not re.match(rb"\x1b\[[0-9;]*m", data[m.start():])]
if bad:
    i = bad[0]
    sys.exit(f"{sys.argv[1]}: an escape that is not a colour at byte {i}: {data[i:i+20]!r}")
if re.search(rb"\x07|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]", data):
    sys.exit(f"{sys.argv[1]}: a raw BEL, C1 or bidi control")
EOF
}

# printf format text: ESC [31m, an OSC 8 link ended by BEL, a lone BEL,
# NEL (U+0085, C1), RLO U+202E, LRI..PDI U+2066-U+2069.
hostile_fmt='A\033[31mred\033[0m \033]8;;https://evil.example/\007link\033]8;;\007 bell\007 nel\302\205 rlo\342\200\256cba lri\342\201\246x\342\201\247y\342\201\250z\342\201\251'
