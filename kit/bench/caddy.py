"""Caddy in front of a running kit over TLS, on loopback ports, for benchmarks and tests.

The site block is the one deployments use (``deploy/Caddyfile`` of the repository, when the kit runs
from a checkout); only the global options differ: Caddy's own local authority signs the certificate
(``local_certs``), its admin endpoint is off, its ports are free loopback ports, and everything it
stores (the authority's root certificate among it) stays in one folder.
"""

from __future__ import annotations

import os
import shutil
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kit.bench.serve import HOST, KitDidNotStart, free_port

DEPLOY_CADDYFILE = Path(__file__).resolve().parents[2] / "deploy" / "Caddyfile"
INSTANCES_CADDYFILE = DEPLOY_CADDYFILE.with_name("Caddyfile.instances")
# The same site as deploy/Caddyfile, for a kit installed without the repository's deploy folder.
_FALLBACK_SITE = "{$DIALOOGKAART_DOMAIN} {\n\treverse_proxy {$DIALOOGKAART_UPSTREAM:127.0.0.1:8080}\n}\n"
_GLOBAL_OPTIONS = """{{
\tadmin off
\tlocal_certs
\tskip_install_trust
\thttps_port {https_port}
\thttp_port {http_port}
\tdefault_bind {host}
}}

"""


def caddy_command() -> str | None:
    """Return the ``caddy`` program on the PATH (Debian's package), or None when there is none."""
    return shutil.which("caddy")


def site_block(instances: bool = False) -> str:
    """Return the deployment's site block (``deploy/Caddyfile``), or its equivalent outside a checkout.

    ``instances``: the one for several instances (``deploy/Caddyfile.instances``, only in a checkout).
    """
    if instances:
        return INSTANCES_CADDYFILE.read_text(encoding="utf-8")
    return DEPLOY_CADDYFILE.read_text(encoding="utf-8") if DEPLOY_CADDYFILE.exists() else _FALLBACK_SITE


def caddy_environment(folder: Path, domain: str, upstream: str) -> dict[str, str]:
    """Return the environment that keeps Caddy's files in ``folder`` and fills in the Caddyfile's placeholders."""
    return {
        **os.environ, "HOME": str(folder), "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"), "DIALOOGKAART_DOMAIN": domain, "DIALOOGKAART_UPSTREAM": upstream,
    }


@dataclass(frozen=True)
class Caddy:
    """A running Caddy: the HTTPS address it serves, the root certificate to trust, its process."""

    domain: str
    https_port: int
    root_cert: Path
    process: subprocess.Popen[bytes]

    @property
    def base_url(self) -> str:
        """The kit's address through Caddy, as phones would use it."""
        return f"https://{self.domain}:{self.https_port}"

    def ssl_context(self) -> ssl.SSLContext:
        """Return a TLS context that trusts Caddy's local authority (and nothing else)."""
        return ssl.create_default_context(cafile=str(self.root_cert))


@contextmanager
def running_caddy(
    folder: Path, kit_port: int, output: IO[bytes] | int = subprocess.DEVNULL, domain: str = "localhost",
    timeout: float = 30, https_port: int | None = None, more_ports: Sequence[int] = (),
) -> Iterator[Caddy]:
    """Run ``caddy run`` in front of the kit on ``kit_port`` until the block ends; yield it once it answers.

    With ``more_ports`` Caddy spreads over the instances on ``kit_port`` and those, as
    ``deploy/Caddyfile.instances`` says.

    Serves HTTPS on ``https_port`` (default: a free one; the kit's ``--public-url`` names it). Writes
    the Caddyfile into ``folder`` and keeps Caddy's data there. Waits until ``/healthz``
    answers 200 over HTTPS (raising :class:`KitDidNotStart` when it does not), and stops the process
    by its pid afterwards. Raises :class:`FileNotFoundError` when Caddy is not installed.
    """
    caddy = caddy_command()
    if caddy is None:
        raise FileNotFoundError("caddy")
    folder.mkdir(parents=True, exist_ok=True)
    https_port, http_port = https_port or free_port(), free_port()
    config = folder / "Caddyfile"
    site = site_block(instances=bool(more_ports))
    config.write_text(_GLOBAL_OPTIONS.format(https_port=https_port, http_port=http_port, host=HOST) + site)
    env = caddy_environment(folder, domain, f"{HOST}:{kit_port}")
    env["DIALOOGKAART_UPSTREAMS"] = " ".join(f"{HOST}:{port}" for port in (kit_port, *more_ports))
    process = subprocess.Popen([caddy, "run", "--adapter", "caddyfile", "--config", str(config)],
                               stdout=output, stderr=subprocess.STDOUT, env=env, cwd=folder)
    proxy = Caddy(domain, https_port, folder / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt",
                  process)
    try:
        _wait_until_healthy(proxy, timeout)
        yield proxy
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_healthy(proxy: Caddy, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if proxy.root_cert.exists():
                with urllib.request.urlopen(proxy.base_url + "/healthz", timeout=2, context=proxy.ssl_context()):
                    return
        except OSError:
            pass
        if proxy.process.poll() is not None or time.monotonic() > deadline:
            raise KitDidNotStart(f"Caddy did not answer on port {proxy.https_port}")
        time.sleep(0.2)
