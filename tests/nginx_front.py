"""nginx in front of local hubs, from the shipped configuration (deploy/nginx/romahub.conf).

The shipped file stays the single source: `render` copies it with only what a local run must change
replaced by plain text substitution (the upstream's servers, the listen addresses, the certificate,
the static, media and cache folders), and raises `RenderError` when one of those lines is no longer
in the shipped file, so a change there is noticed rather than silently left out of the tests.

    with running_hub(...) as hub, nginx_in_front(workdir, [port_of(hub)], static_root) as front:
        urllib.request.urlopen(front.url + "/en/", context=front.ssl_context())

`nginx_in_front` runs Debian's nginx (NGINX_PATH, default /usr/sbin/nginx) as a foreground
subprocess with its own prefix, pid file, error log, temporary folders and proxy cache in
`workdir`, and stops it afterwards. Used by tests/deploy/ and by bench/run.py (which puts the
repository's root on sys.path); nothing here imports Django.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
import pwd
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")
SHIPPED = ROOT / "deploy" / "nginx" / "romahub.conf"
# What a rendered file must no longer mention: the server's own folders and ports.
PRODUCTION_ONLY = ("/srv/hub/", "/etc/letsencrypt/", "/var/cache/nginx", "/var/www/", "/etc/nginx/romahub-",
                   "127.0.0.1:8001", "127.0.0.1:8002", "listen 80", "listen 443", "listen [::]")


class RenderError(RuntimeError):
    """The shipped configuration no longer holds a line that the local rendering replaces."""


@dataclass(frozen=True)
class Front:
    url: str  # https://127.0.0.1:<port>, the hub's TLS server
    http_url: str  # http://127.0.0.1:<port>, the plain server (certificate challenges, redirect to https)
    cafile: Path  # the self-signed certificate (for 127.0.0.1 and localhost): trust it to verify
    folder: Path  # nginx's prefix: nginx.conf, romahub.conf, error.log, access.log, cache/

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that verifies nginx's certificate against `cafile`."""
        return ssl.create_default_context(cafile=str(self.cafile))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A one-day certificate for 127.0.0.1, localhost and hub.example.org, and its key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hub.example.org")])
    names = x509.SubjectAlternativeName([x509.DNSName("hub.example.org"), x509.DNSName("localhost"),
                                         x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1)).add_extension(names, critical=False)
                   .sign(key, hashes.SHA256()))
    cert, private = folder / "fullchain.pem", folder / "privkey.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return cert, private


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise RenderError(f"{SHIPPED.relative_to(ROOT)} no longer contains {old!r}: update tests/nginx_front.py")
    return text.replace(old, new)


def render(shipped: str, *, upstream_ports: Sequence[int], https_port: int, http_port: int, cert: Path, key: Path,
           static_root: Path, media_root: Path, cache: Path, extra_locations: str = "") -> str:
    """The shipped site configuration with local ports and folders; `extra_locations` (nginx text)
    goes into the TLS server just before its `location /`."""
    if not upstream_ports:
        raise ValueError("nginx needs at least one upstream port")
    servers = "".join(f"    server 127.0.0.1:{port};\n" for port in upstream_ports)
    replacements = [
        ("    server 127.0.0.1:8001;\n    server 127.0.0.1:8002;\n", servers),
        ("/var/cache/nginx/romahub", str(cache)),
        ("    listen 80;\n    listen [::]:80;\n", f"    listen 127.0.0.1:{http_port};\n"),
        ("    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n", f"    listen 127.0.0.1:{https_port} ssl http2;\n"),
        ("/etc/letsencrypt/live/hub.example.org/fullchain.pem", str(cert)),
        ("/etc/letsencrypt/live/hub.example.org/privkey.pem", str(key)),
        ("root /var/www/letsencrypt;", f"root {cache.parent / 'letsencrypt'};"),
        # The brotli modules are not loaded here: an include matching no file is nothing.
        ("/etc/nginx/romahub-brotli*.conf", str(cache.parent / "brotli-not-installed*.conf")),
        ("alias /srv/hub/static/;", f"alias {str(static_root).rstrip('/')}/;"),
        ("alias /srv/hub/media/;", f"alias {str(media_root).rstrip('/')}/;"),
    ]
    if extra_locations:
        replacements.append(("    location / {\n        proxy_pass http://romahub;", f"{extra_locations}\n"
                             "    location / {\n        proxy_pass http://romahub;"))
    text = shipped
    for old, new in replacements:
        text = _replace(text, old, new)
    directives = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    left = [word for word in PRODUCTION_ONLY if word in directives]
    if left:
        raise RenderError(f"{SHIPPED.relative_to(ROOT)} mentions {left} that tests/nginx_front.py does not replace")
    return text


def _main_conf(folder: Path, worker_processes: int | str) -> str:
    # As root (a container), nginx's workers would be `nobody` and unable to read a private temporary folder.
    user = f"user {pwd.getpwuid(0).pw_name};\n" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {kind}_temp_path {folder / 'temp' / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                                     "uwsgi", "scgi"))
    return f"""{user}daemon off;
worker_processes {worker_processes};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log {folder}/access.log;
{temp}
    include {folder}/romahub.conf;
}}
"""


def _answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


@contextlib.contextmanager
def nginx_in_front(workdir: Path, upstream_ports: Sequence[int], static_root: Path, *, media_root: Path | None = None,
                   https_port: int | None = None, extra_locations: str = "",
                   worker_processes: int | str = 1) -> Iterator[Front]:
    """Serve the shipped configuration on 127.0.0.1 in front of the gunicorn servers on `upstream_ports`.

    `workdir` becomes nginx's prefix (made if missing; one nginx per folder). `https_port` is chosen
    when not given; give it when the hub must know it first (CSRF_TRUSTED_ORIGINS). Yields a `Front`
    once nginx accepts connections on both ports; stops nginx (and fails if it had already died) after.
    """
    if not Path(NGINX).exists():
        raise FileNotFoundError(f"nginx not found at {NGINX}: run `make nginx` (installs Debian's nginx).")
    folder = Path(workdir)
    for sub in ("temp", "cache"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    media = Path(media_root) if media_root else folder / "media"
    media.mkdir(parents=True, exist_ok=True)
    cert, key = self_signed(folder)
    https_port = https_port or free_port()
    http_port = free_port()
    site = render(SHIPPED.read_text(), upstream_ports=upstream_ports, https_port=https_port, http_port=http_port,
                  cert=cert, key=key, static_root=Path(static_root), media_root=media, cache=folder / "cache",
                  extra_locations=extra_locations)
    (folder / "romahub.conf").write_text(site)
    (folder / "nginx.conf").write_text(_main_conf(folder, worker_processes))
    command = [NGINX, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(folder / "nginx.conf")]
    checked = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
    if checked.returncode:
        raise RuntimeError(f"nginx -t refused the rendered configuration:\n{checked.stderr}")
    output = open(folder / "nginx.out", "ab")  # noqa: SIM115 - closed when nginx stops
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while not (_answers(https_port) and _answers(http_port)):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start:\n{(folder / 'error.log').read_text(errors='replace')}")
            time.sleep(0.05)
        yield Front(url=f"https://127.0.0.1:{https_port}", http_url=f"http://127.0.0.1:{http_port}",
                    cafile=cert, folder=folder)
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped by itself:\n{(folder / 'error.log').read_text(errors='replace')}")
    finally:
        if process.poll() is None:
            process.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        output.close()
