"""Render deploy/nginx/monitor41.conf.template for a set of replicas.

    .venv/bin/python deploy/nginx_conf.py --replica 127.0.0.1:8601 --replica 127.0.0.1:8602 \\
        --listen 80 --server-name dasbor.sulbarprov.go.id > /etc/nginx/conf.d/monitor41.conf
    # HTTPS (and HSTS): --listen 443 --ssl-certificate /etc/ssl/monitor41/fullchain.pem \\
    #                   --ssl-key /etc/ssl/monitor41/privkey.pem

The load benchmark and the deployment test render the same template and run nginx unprivileged on loopback
with `standalone(...)` (a minimal main config with its pid and temp files in a work folder).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from string import Template

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "monitor41.conf.template"


def render(replicas: list[str], listen: str = "80", server_name: str = "_", certificate: str | None = None,
           key: str | None = None) -> str:
    """The site config: one upstream server line per replica address (host:port). With certificate and key
    (PEM paths) the server speaks HTTPS on listen, and sends HSTS."""
    if not replicas:
        raise ValueError("Sebutkan minimal satu replika (--replica 127.0.0.1:8601)")
    if bool(certificate) != bool(key):
        raise ValueError("HTTPS butuh keduanya: --ssl-certificate dan --ssl-key")
    servers = "\n".join(f"    server {address} max_fails=3 fail_timeout=10s;" for address in replicas)
    tls = ""
    if certificate:
        listen = f"{listen} ssl"
        tls = (f"    ssl_certificate     {certificate};\n    ssl_certificate_key {key};\n"
               "    ssl_protocols TLSv1.2 TLSv1.3;\n")
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        servers=servers, listen=listen, server_name=server_name, tls=tls)


def standalone(site: str, workdir: Path) -> Path:
    """Write a main nginx.conf that runs as the current user with everything under workdir; return its path.
    Start it with `nginx -c PATH -p WORKDIR -e WORKDIR/error.log` (see bench/deployment.py)."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "site.conf").write_text(site, encoding="utf-8")
    temp = {name: workdir / name for name in ("client", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir(exist_ok=True)
    main = f"""daemon off;
worker_processes 1;
pid {workdir / 'nginx.pid'};
error_log {workdir / 'error.log'} warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {temp['client']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {workdir / 'site.conf'};
}}
"""
    path = workdir / "nginx.conf"
    path.write_text(main, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replica", action="append", default=[], help="host:port of an app replica (repeat)")
    parser.add_argument("--listen", default="80", help="nginx listen directive value (default 80)")
    parser.add_argument("--server-name", default="_", help="server_name (default _ = any)")
    parser.add_argument("--ssl-certificate", help="PEM certificate (full chain): serve HTTPS on --listen")
    parser.add_argument("--ssl-key", help="PEM private key of --ssl-certificate")
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(render(args.replica, args.listen, args.server_name, args.ssl_certificate, args.ssl_key))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
