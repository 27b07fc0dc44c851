"""Helpers of bench/login.sh: users for the sign-in benchmark, and timed two-step (password + TOTP) sign-ins."""
import argparse, base64, hashlib, hmac, json, struct, sys, time, urllib.error, urllib.request, uuid
from concurrent.futures import ThreadPoolExecutor

PASSWORD = "benchmark password 123"
STATE = "/tmp/atrium-login-bench.json"


def call(port, method, path, body=None, token=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def totp(secret, at):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0xF
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def user(port, mfa):
    email = f"bench-{uuid.uuid4().hex[:10]}@example.com"
    assert call(port, "POST", "/users", {"email": email, "password": PASSWORD, "name": "Bench"})[0] == 201
    status, session = call(port, "POST", "/sessions", {"email": email, "password": PASSWORD})
    assert status == 201, session
    secret = None
    if mfa:
        secret = call(port, "POST", "/me/mfa/totp", {}, session["token"])[1]["secret"]
        assert call(port, "POST", "/me/mfa/totp/confirm", {"code": totp(secret, time.time())}, session["token"])[0] == 200
    return {"email": email, "secret": secret}


def setup(port, mfa_users):
    plain, mfa = user(port, False), user(port, True)
    with ThreadPoolExecutor(4) as pool:
        others = list(pool.map(lambda i: user(port, i % 2 == 0), range(2 * mfa_users)))
    json.dump(others, open(STATE, "w"))
    print(f"PLAIN_EMAIL={plain['email']} MFA_EMAIL={mfa['email']} PASSWORD='{PASSWORD}'")


def two_step(port):
    users = json.load(open(STATE))
    plain = [u for u in users if not u["secret"]]
    mfa = [u for u in users if u["secret"]]
    # Enrolment used the current 30-second step's code, and a code is accepted once: wait for the next step.
    time.sleep(31 - time.time() % 30)

    def sign_in(u):
        start = time.perf_counter()
        status, challenge = call(port, "POST", "/sessions", {"email": u["email"], "password": PASSWORD})
        if not u["secret"]:
            assert status == 201, challenge
            return time.perf_counter() - start
        assert status == 401 and challenge["code"] == "mfa_required", challenge
        status, session = call(port, "POST", "/sessions/mfa", {"mfaToken": challenge["mfaToken"], "code": totp(u["secret"], time.time())})
        assert status == 201, session
        return time.perf_counter() - start

    for name, group in (("password only", plain), ("password + TOTP code", mfa), ("password only, again", plain[::-1])):
        with ThreadPoolExecutor(4) as pool:
            times = sorted(pool.map(sign_in, group))
        p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
        print(f"    {name}: {len(times)} sign-ins, avg {sum(times) / len(times):.4f} s, p50 {p(0.5):.4f} s, p99 {p(0.99):.4f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("--mfa-users", type=int, default=100)
    sub.add_parser("two-step")
    args = parser.parse_args()
    setup(args.port, args.mfa_users) if args.command == "setup" else two_step(args.port)
