import socket


def free_ports(count: int) -> list[int]:
    """Distinct free loopback ports: all sockets are held open until every port is chosen,
    so the kernel cannot hand out the same port twice."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def free_port() -> int:
    return free_ports(1)[0]
