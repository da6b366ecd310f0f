"""Loaded by every Python process of the no-network test: refuses and records any non-loopback connection."""

import ipaddress
import os
import socket

_LOG = os.environ.get("NETGUARD_LOG")
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _local(address) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refuse(what: str):
    if _LOG:
        with open(_LOG, "a") as fh:
            fh.write(f"{os.getpid()} {what}\n")
    raise OSError(f"network access blocked by the test: {what}")


def connect(self, address):
    if not _local(address):
        _refuse(f"connect {address!r}")
    return _real_connect(self, address)


def connect_ex(self, address):
    if not _local(address):
        _refuse(f"connect_ex {address!r}")
    return _real_connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if host not in (None, "localhost") and not _local((host, 0)):
        _refuse(f"getaddrinfo {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo
