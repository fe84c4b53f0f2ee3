"""The shipped nginx configuration is one nginx accepts (`nginx -t`), with the paths of a test."""

import datetime
import os
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parents[2]
NGINX = os.environ.get("NGINX_PATH", "/usr/sbin/nginx")
SHIPPED = ROOT / "deploy" / "nginx" / "romahub.conf"


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hub.example.org")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now)
                   .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert, private = folder / "fullchain.pem", folder / "privkey.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return cert, private


def _nginx_t(tmp_path: Path, site: str) -> subprocess.CompletedProcess:
    (tmp_path / "romahub.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(f"""
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp_path}/access.log;
    include {tmp_path}/romahub.conf;
}}
""")
    return subprocess.run([NGINX, "-t", "-q", "-e", str(tmp_path / "error.log"), "-p", str(tmp_path), "-c",
                           str(tmp_path / "nginx.conf")], capture_output=True, text=True)


def _as_in_a_test(tmp_path: Path, text: str) -> str:
    cert, key = _self_signed(tmp_path)
    return (text.replace("/etc/letsencrypt/live/hub.example.org/fullchain.pem", str(cert))
            .replace("/etc/letsencrypt/live/hub.example.org/privkey.pem", str(key))
            .replace("/var/cache/nginx/romahub", str(tmp_path / "cache"))
            .replace("/etc/nginx/romahub-brotli*.conf", str(tmp_path / "brotli-not-installed*.conf")))


@pytest.fixture
def nginx():
    if not Path(NGINX).exists():
        pytest.fail(f"nginx not found at {NGINX}: run `make install-test` (installs Debian's nginx).")
    return NGINX


def test_nginx_accepts_the_shipped_configuration(nginx, tmp_path):
    checked = _nginx_t(tmp_path, _as_in_a_test(tmp_path, SHIPPED.read_text()))
    assert checked.returncode == 0, checked.stderr


def test_the_check_fails_on_a_broken_configuration(nginx, tmp_path):
    broken = _as_in_a_test(tmp_path, SHIPPED.read_text()).replace("proxy_cache_lock on;", "proxy_cache_lock sometimes;")
    assert _nginx_t(tmp_path, broken).returncode != 0


def test_the_cache_never_serves_or_stores_a_signed_in_readers_pages_and_keys_on_language_and_encoding():
    text = SHIPPED.read_text()
    assert "proxy_cache_bypass $romahub_signed_in" in text and "proxy_no_cache $romahub_signed_in" in text
    assert "(__Host-)?sessionid=" in text  # the production session cookie's name (settings.SESSION_COOKIE_NAME)
    assert "$romahub_language" in text.split("proxy_cache_key", 1)[1].split(";", 1)[0]
    assert "proxy_cache_use_stale updating" in text and "proxy_cache_background_update on;" in text
