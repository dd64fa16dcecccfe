"""The parts of the scaled set-up (`make run-scaled`): Redis and nginx, from Debian.

- Redis holds the text-free conversations and the turn locks of every Rasa process. It
  listens on this machine only and keeps nothing on disk: no RDB snapshots, no AOF. Its
  memory is bounded; when it is full, the least recently used conversation goes first.
- nginx spreads the messages over the Rasa processes. When a process does not answer
  (it died, or is starting again), nginx sends the message to another one. It logs no
  requests: an access log would hold the IP addresses of the people who write. It keeps
  request bodies in memory, never in a temporary file (that would put a message on disk).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

REDIS_MAX_MEMORY = "256mb"  # about 200,000 stored conversations of ~1 KB
LOCK_LIFETIME_SECONDS = 10  # a turn takes well under a second; a dead process's ticket goes


def executable(name: str) -> str:
    """The path of a Debian program (nginx lives in /usr/sbin, which may not be on PATH)."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if found is None:
        raise SystemExit(f"{name} is not installed; `make run-scaled` installs it "
                         f"(apt-get install {name}).")
    return found


def redis_command(port: int) -> list[str]:
    """Redis on localhost, without persistence, with bounded memory."""
    return [executable("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
            "--protected-mode", "yes", "--save", "", "--appendonly", "no",
            "--maxmemory", REDIS_MAX_MEMORY, "--maxmemory-policy", "volatile-lru",
            "--loglevel", "warning", "--dir", tempfile.gettempdir()]


def nginx_config(host: str, port: int, backends: list[int], workdir: Path) -> str:
    """nginx in front of the Rasa processes: no access log, retries on a dead process,
    JSON errors (never nginx's HTML page; on a 5xx the widget shows 113 and 112 itself)."""
    servers = "\n".join(f"        server 127.0.0.1:{backend} max_fails=1 fail_timeout=2s;"
                        for backend in backends)
    temp = "\n".join(f"    {kind}_temp_path {workdir / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
worker_processes 1;
pid {workdir / "nginx.pid"};
error_log stderr crit;  # error lines name the client's IP address
events {{ worker_connections 1024; }}
http {{
    access_log off;
    server_tokens off;
{temp}
    # Bodies and replies stay in memory: a temporary file would put a message on disk.
    client_max_body_size 64k;
    client_body_buffer_size 64k;
    proxy_max_temp_file_size 0;
    upstream rasa {{
{servers}
        keepalive 32;
    }}
    server {{
        listen {host}:{port};
        location / {{
            proxy_pass http://rasa;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
            proxy_next_upstream_tries {len(backends)};
            proxy_connect_timeout 1s;
            proxy_read_timeout 30s;
        }}
        error_page 413 = @too_large;
        error_page 502 503 504 = @unavailable;
        location @too_large {{
            default_type application/json;
            return 413 '{{"error": "too_large", "message": "The request is too large."}}';
        }}
        location @unavailable {{
            default_type application/json;
            return 503 '{{"error": "unavailable", "message": "No answer right now; try again in a moment."}}';
        }}
    }}
}}
"""


def nginx_command(host: str, port: int, backends: list[int]) -> list[str]:
    """Write nginx's configuration to a fresh directory; the command that runs it."""
    workdir = Path(tempfile.mkdtemp(prefix="wegwijzer-nginx-"))
    config = workdir / "nginx.conf"
    config.write_text(nginx_config(host, port, backends, workdir))
    return [executable("nginx"), "-p", str(workdir), "-c", str(config)]
