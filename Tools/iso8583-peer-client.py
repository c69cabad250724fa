#!/usr/bin/env python3
"""An ISO 8583 acquirer we did not write: pyiso8583 over TCP against a live `corridor serve` (issue 4 §4).

    iso8583-peer-client.py --port N [--host 127.0.0.1] [--spec Samples/iso8583/corridor-ascii-1987.json]
                           [--framing 2byte|4byte|ascii4] [--timeout 5]

Messages are built and read with pyiso8583 only, from the spec file in pyiso8583's own layout; the cards are the
ones in Samples/issuer/cards.yaml. It sends 0800, 0100, 0200, 0400 (and its repeat), a reversal of an unknown
transaction, magic-value declines, pipelined requests, a dropped answer followed by its reversal, and malformed
frames, and checks every answer. Prints one line per check ("ok - ..." or "not ok - ...") and exits 1 when any
check failed, 3 when pyiso8583 is missing.
"""
import argparse
import json
import os
import random
import socket
import struct
import sys
import time

try:
    import iso8583
except ImportError:
    sys.exit(3)

MIR = "2200700000001239"          # RUB 150,000.00
STOLEN = "6212340000003211"       # UnionPay, stolen
DROP = "2200700000010099"         # test mode: the answer is dropped
RUB, CNY = "643", "156"


class Peer:
    def __init__(self, host, port, spec, framing, timeout):
        self.host, self.port, self.spec, self.framing, self.timeout = host, port, spec, framing, timeout
        self.failures = 0
        self.stan = random.randint(1, 899_999)
        # A transmission time unique to this run, so a rerun against a kept ledger is a new transaction.
        self.transmission = time.strftime("%m%d%H%M%S", time.gmtime())

    def check(self, condition, what):
        print(("ok - " if condition else "not ok - ") + what, flush=True)
        if not condition:
            self.failures += 1

    def connect(self):
        connection = socket.create_connection((self.host, self.port), timeout=self.timeout)
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection

    def frame(self, body):
        if self.framing == "2byte":
            return struct.pack(">H", len(body)) + body
        if self.framing == "4byte":
            return struct.pack(">I", len(body)) + body
        return b"%04d" % len(body) + body

    def read_exact(self, connection, count):
        data = b""
        while len(data) < count:
            chunk = connection.recv(count - len(data))
            if not chunk:
                raise ConnectionError("closed by the server")
            data += chunk
        return data

    def read_frame(self, connection):
        if self.framing == "2byte":
            length = struct.unpack(">H", self.read_exact(connection, 2))[0]
        elif self.framing == "4byte":
            length = struct.unpack(">I", self.read_exact(connection, 4))[0]
        else:
            length = int(self.read_exact(connection, 4))
        decoded, _ = iso8583.decode(self.read_exact(connection, length), self.spec)
        return decoded

    def next_stan(self):
        self.stan += 1
        return "%06d" % self.stan

    def request(self, mti, pan, amount, currency=RUB, processing="000000"):
        return {
            "t": mti, "2": pan, "3": processing, "4": "%012d" % amount, "7": self.transmission,
            "11": self.next_stan(), "12": "120000", "13": "0101", "18": "5812", "22": "071", "32": "4000001",
            "41": "PYTERM01", "42": "PYMERCHANT00001", "43": "CAFE NEVSKY              MOSCOW       RU",
            "49": currency,
        }

    def reversal(self, original, mti="0400"):
        reversal = dict(original)
        reversal["t"] = mti
        reversal["11"] = self.next_stan()
        reversal["90"] = original["t"] + original["11"] + original["7"] + "%011d" % int(original["32"]) + "0" * 11
        return reversal

    def encode(self, document):
        encoded, _ = iso8583.encode(dict(document), self.spec)
        return bytes(encoded)

    def exchange(self, connection, document):
        connection.sendall(self.frame(self.encode(document)))
        return self.read_frame(connection)


def run(peer):
    connection = peer.connect()

    echo = {"t": "0800", "7": peer.transmission, "11": peer.next_stan(), "70": "301"}
    answer = peer.exchange(connection, echo)
    peer.check(answer.get("t") == "0810" and answer.get("39") == "00" and answer.get("11") == echo["11"],
               "0800 echo answered 0810/00 with the STAN echoed")

    authorization = peer.request("0100", MIR, 100_00)
    answer = peer.exchange(connection, authorization)
    peer.check(answer.get("t") == "0110" and answer.get("39") == "00", "0100 approved: 0110/00")
    peer.check(len(answer.get("38", "")) == 6 and len(answer.get("37", "")) == 12,
               "0110 carries an approval code (38) and an RRN (37)")
    peer.check(answer.get("2") == MIR and answer.get("4") == authorization["4"], "0110 echoes fields 2 and 4")

    financial = peer.request("0200", MIR, 50_00)
    answer = peer.exchange(connection, financial)
    peer.check(answer.get("t") == "0210" and answer.get("39") == "00", "0200 approved: 0210/00")

    answer = peer.exchange(connection, peer.reversal(authorization))
    peer.check(answer.get("t") == "0410" and answer.get("39") == "00", "0400 of the 0100 answered 0410/00")
    answer = peer.exchange(connection, peer.reversal(authorization, mti="0401"))
    peer.check(answer.get("t") == "0410" and answer.get("39") == "00", "repeated reversal (0401) answered 0410/00")
    answer = peer.exchange(connection, peer.reversal(financial, mti="0420"))
    peer.check(answer.get("t") == "0430" and answer.get("39") == "00", "0420 of the 0200 answered 0430/00")

    ghost = peer.request("0100", MIR, 1_00)
    ghost["11"] = "999999"
    answer = peer.exchange(connection, peer.reversal(ghost))
    peer.check(answer.get("39") == "25", "reversal of an unknown transaction answered 25")

    answer = peer.exchange(connection, peer.request("0100", MIR, 19_51))
    peer.check(answer.get("39") == "51", "amount tail 951 declined 51")
    answer = peer.exchange(connection, peer.request("0100", STOLEN, 10_00, currency=CNY))
    peer.check(answer.get("39") == "43", "stolen card declined 43")
    answer = peer.exchange(connection, peer.request("0100", MIR, 100_00, currency=CNY))
    peer.check(answer.get("39") == "00" and answer.get("6") == "000000126400" and answer.get("51") == RUB,
               "CNY purchase on a RUB card: billing amount in fields 6 and 51")

    pipelined = [peer.request("0100", MIR, 1_00 + index) for index in range(5)]
    connection.sendall(b"".join(peer.frame(peer.encode(document)) for document in pipelined))
    answers = [peer.read_frame(connection) for _ in pipelined]
    peer.check([answer.get("11") for answer in answers] == [document["11"] for document in pipelined]
               and all(answer.get("39") == "00" for answer in answers),
               "five pipelined 0100s answered in order, all 00")

    dropped = peer.request("0100", DROP, 700_00)
    connection.sendall(peer.frame(peer.encode(dropped)))
    connection.settimeout(1.0)
    try:
        peer.read_frame(connection)
        peer.check(False, "no answer to the dropped 0100 (PAN ending 0099)")
    except socket.timeout:
        peer.check(True, "no answer to the dropped 0100 (PAN ending 0099)")
    connection.close()
    connection = peer.connect()
    answer = peer.exchange(connection, peer.reversal(dropped))
    peer.check(answer.get("39") == "00", "the acquirer's reversal of the unanswered 0100 answered 00")
    connection.close()

    # A message whose MTI reads but whose bitmap does not: an error answer of its response class.
    bad = peer.connect()
    bad.sendall(peer.frame(b"0100ZZZZZZZZZZZZZZZZ"))
    try:
        answer = peer.read_frame(bad)
        peer.check(answer.get("t") == "0110" and answer.get("39") == "30", "malformed 0100 answered 0110/30")
    except (ConnectionError, socket.timeout) as error:
        peer.check(False, "malformed 0100 answered 0110/30 (%s)" % error)
    bad.close()

    # Not even an MTI: the server closes the connection.
    garbage = peer.connect()
    garbage.sendall(peer.frame(b"\xff\xfe garbage"))
    try:
        closed = garbage.recv(1) == b""
    except (ConnectionError, socket.timeout):
        closed = False
    peer.check(closed, "unreadable frame: connection closed")
    garbage.close()

    # And everyone else carries on.
    connection = peer.connect()
    answer = peer.exchange(connection, {"t": "0800", "7": peer.transmission, "11": peer.next_stan(), "70": "001"})
    peer.check(answer.get("39") == "00", "a new connection after the bad ones is served (sign-on 00)")
    connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    default_spec = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Samples", "iso8583",
                                "corridor-ascii-1987.json")
    parser.add_argument("--spec", default=default_spec)
    parser.add_argument("--framing", choices=["2byte", "4byte", "ascii4"], default="2byte")
    parser.add_argument("--timeout", type=float, default=5.0)
    arguments = parser.parse_args()
    with open(arguments.spec) as handle:
        spec = json.load(handle)
    peer = Peer(arguments.host, arguments.port, spec, arguments.framing, arguments.timeout)
    try:
        run(peer)
    except Exception as error:  # a crash of the client is a failed check, with its reason
        peer.check(False, "client stopped: %r" % error)
    sys.exit(1 if peer.failures else 0)


if __name__ == "__main__":
    main()
