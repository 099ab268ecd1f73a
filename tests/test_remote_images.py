"""Images fetched from other sites: only allowed hosts, limited in size, checked as images."""

import http.server
import threading
from io import BytesIO

import pytest
from PIL import Image

from core.remote_images import FetchError, fetch_image


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/photo.png":
            buffer = BytesIO()
            Image.new("RGB", (40, 30), (1, 2, 3)).save(buffer, "PNG")
            body = buffer.getvalue()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/elsewhere":
            self.send_response(302)
            self.send_header("Location", "http://other.invalid/photo.png")
            self.end_headers()
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/photo.png")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def host():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_image_from_a_host_allowed_by_name_is_fetched_and_named(host):
    fetched = fetch_image(f"http://{host}/photo.png", extra_hosts=[host])

    assert fetched.name == "photo.png" and fetched.content.startswith(b"\x89PNG")


def test_a_redirect_on_the_same_host_is_followed_but_not_to_another_host(host):
    assert fetch_image(f"http://{host}/moved", extra_hosts=[host]).name == "photo.png"
    with pytest.raises(FetchError, match="other.invalid is not an allowed host"):
        fetch_image(f"http://{host}/elsewhere", extra_hosts=[host])


def test_a_file_larger_than_the_limit_is_refused(host):
    with pytest.raises(FetchError, match="larger than 10 bytes"):
        fetch_image(f"http://{host}/photo.png", extra_hosts=[host], max_bytes=10)


def test_a_missing_file_and_another_scheme_are_refused_with_a_reason(host):
    with pytest.raises(FetchError, match="answered 404"):
        fetch_image(f"http://{host}/nothing.png", extra_hosts=[host])
    with pytest.raises(FetchError, match="not a web address"):
        fetch_image("file:///etc/passwd", extra_hosts=["etc"])
