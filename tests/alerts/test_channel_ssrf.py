"""SSRF through notification channels: no Apprise scheme reaches loopback or the private network.

An outside probe reached a loopback listener through `kodi://`, `signal://`, `gorush://` and a
dozen other schemes that name a host but were never checked, and `[2002:7f00:1::]` (6to4 for
127.0.0.1) passed as public. Here every scheme Apprise knows is tried against a real loopback
listener, with a resolver that answers every name with that listener's address (so cloud
services' fixed API hosts are covered too): with private addresses refused nothing may connect;
with them allowed most schemes do, which shows the table exercises real connections.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from wirewatch.alerts.channels import OutgoingMessage, check_channel_url, send
from wirewatch.cli import main
from wirewatch.errors import DeliveryError, InputError

# URL shapes that make Apprise's plugins accept a host; the first one a scheme accepts is used.
SHAPES = (
    "{s}://{h}:{p}", "{s}://{h}:{p}/abc", "{s}://user:pass@{h}:{p}", "{s}://user:pass@{h}:{p}/abcdefghij/12345",
    "{s}://{h}:{p}/abcdefghijklmnop/12345678", "{s}://token@{h}:{p}/target", "{s}://user@{h}:{p}/+15551234567",
    "{s}://{h}:{p}/?token=abcdef", "{s}://abcd1234abcd1234abcd1234abcd1234@{h}:{p}",
)
MESSAGE = OutgoingMessage("Ceasefire talks resume", "A new round of talks began.", {"story": "1"}, "key-1")


class Listener:
    """A loopback TCP server that only counts the connections it accepts."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.port = self.socket.getsockname()[1]
        self.accepted = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.accepted += 1
            connection.close()

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def listener(monkeypatch) -> Iterator[Listener]:
    server = Listener()
    answer = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", server.port))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answer)
    yield server
    server.close()


def _channels(port: int) -> dict[str, str]:
    import apprise
    from apprise.manager_plugins import NotificationManager

    channels = {}
    for scheme in sorted(NotificationManager().schemas()):
        for shape in SHAPES:
            url = shape.format(s=scheme, h="alerts.example", p=port)
            if apprise.Apprise.instantiate(url, suppress_exceptions=True) is not None:
                channels[scheme] = url
                break
    return channels


def _try_all(channels: dict[str, str], *, allow_private: bool, listener: Listener) -> dict[str, int]:
    """Connections that reached the listener, per scheme."""
    reached = {}
    for scheme, url in channels.items():
        before = listener.accepted
        try:
            send(url, MESSAGE, timeout=2, user_agent="wirewatch-test", allow_private=allow_private)
        except DeliveryError:
            pass
        reached[scheme] = listener.accepted - before
    return reached


def test_no_apprise_scheme_connects_to_a_private_address(listener):
    channels = _channels(listener.port)
    assert len(channels) >= 120  # Apprise 2.x: ~160 schemes take a host-shaped URL
    for name in ("kodi", "xbmc", "hassio", "signal", "bark", "gorush", "synology", "mastodon", "emby",
                 "jellyfin", "lametric", "enigma2", "pjet", "misskey", "mailto", "ntfy", "json"):
        assert name in channels, name
    reached = _try_all(channels, allow_private=False, listener=listener)
    # Connections are accepted on another thread: give a late one the chance to be counted.
    threading.Event().wait(0.2)
    assert listener.accepted == 0, {scheme: n for scheme, n in reached.items() if n}


def test_the_same_table_does_connect_when_private_addresses_are_allowed(listener):
    reached = _try_all(_channels(listener.port), allow_private=True, listener=listener)
    threading.Event().wait(0.2)
    assert sum(1 for n in reached.values() if n) >= 60


@pytest.mark.parametrize(
    "url",
    [
        "kodi://127.0.0.1:18999", "xbmc://127.0.0.1", "hassio://10.0.0.7/token", "gorush://[::1]:8088",
        "signal://192.168.1.20:8080/+15551234567", "synology://localhost:5000/token",
        "json://[2002:7f00:1::]:8080/hook",  # 6to4 for 127.0.0.1
        "json://[::ffff:169.254.169.254]/latest",  # IPv4-mapped metadata service
        "json://[64:ff9b::a00:1]/hook",  # NAT64 for 10.0.0.1
    ],
)
def test_a_private_address_in_any_scheme_is_refused_when_subscribing(url):
    with pytest.raises(InputError, match="non-public|refused"):
        check_channel_url(url, allow_private=False)


def test_cli_subscribe_refuses_a_kodi_channel_on_loopback(tmp_path, monkeypatch):
    monkeypatch.delenv("WIREWATCH_ALLOW_PRIVATE_URLS", raising=False)
    code = main(["subscribe", "ceasefire", "--notify", "kodi://127.0.0.1:18999", "--db", f"sqlite:///{tmp_path / 'w.db'}"])
    assert code != 0


# A host that cannot be resolved now is not a reason to refuse a subscription: the README's own
# example (`json://hooks.example.org/...`) exited 2 on a machine without DNS. `.invalid` never
# resolves anywhere (RFC 2606), so these cases behave the same with and without DNS.
@pytest.mark.parametrize(
    "url",
    ["json://hooks.example.invalid/wirewatch", "jsons://alerts.newsroom.invalid:8443/in",
     "ntfy://push.example.invalid/breaking", "json://hooks.example.org/wirewatch"],
)
def test_cli_subscribe_accepts_a_channel_whose_host_does_not_resolve_now(tmp_path, monkeypatch, capsys, url):
    monkeypatch.delenv("WIREWATCH_ALLOW_PRIVATE_URLS", raising=False)
    db = f"sqlite:///{tmp_path / 'w.db'}"
    assert main(["subscribe", 'entity:"Keir Starmer" ceasefire', "--notify", url, "--db", db]) == 0
    capsys.readouterr()
    assert main(["subscriptions", "--db", db]) == 0
    assert 'Keir Starmer' in capsys.readouterr().out


def test_delivery_to_a_host_that_does_not_resolve_fails_cleanly_and_sends_nothing():
    with pytest.raises(DeliveryError, match="cannot resolve"):
        send("json://hooks.example.invalid/wirewatch", MESSAGE, timeout=2, user_agent="t", allow_private=False)
