#!/usr/bin/env python3
"""Screenshots of Qitaa's pages in headless Chromium, through chromedriver's
WebDriver API (Python's standard library only).

  tools/shoot.py BASE OUT_DIR SPEC...

Each SPEC is `name=surface:phone:path:lang:width`, e.g.
`admin-home-ar=admin:+966500000000:/admin:ar:1440`. `surface` is admin,
partner or app (signed in with the demo code) or `-` (no sign-in).
"""
import base64, json, os, socket, subprocess, sys, time, urllib.request

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

class Driver:
    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen(["chromedriver", f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close(); break
            except OSError:
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
            "--disable-dev-shm-usage", "--no-first-run"]}}}}
        self.sid = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        url = f"http://127.0.0.1:{self.port}{path}"
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())["value"] if method != "POST" or path != "/session" else json.loads(r.read())["value"]

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.sid}{path}", body)

    def goto(self, url): self.s("POST", "/url", {"url": url})
    def js(self, script, *args): return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})
    def size(self, w, h):
        # Headless Chromium keeps windows at least 500 px wide: narrower
        # widths (a 390 px phone) are emulated as the device's metrics.
        if w < 500:
            self.s("POST", "/goog/cdp/execute", {"cmd": "Emulation.setDeviceMetricsOverride",
                   "params": {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": True}})
            self.s("POST", "/window/rect", {"width": 500, "height": h})
        else:
            self.s("POST", "/goog/cdp/execute", {"cmd": "Emulation.clearDeviceMetricsOverride", "params": {}})
            self.s("POST", "/window/rect", {"width": w, "height": h})

    def wait(self, css, seconds=10):
        end = time.time() + seconds
        while time.time() < end:
            if self.js("return !!document.querySelector(arguments[0])", css):
                return True
            time.sleep(0.1)
        raise SystemExit(f"timed out waiting for {css} on {self.js('return location.href')}")

    def sign_in(self, base, surface, phone):
        root = {"admin": "/admin", "partner": "/partner", "app": "/app", "rider": "/rider"}[surface]
        self.goto(f"{base}{root}/sign-in")
        self.wait("#phone")
        self.js("document.querySelector('#phone').value = arguments[0]; document.querySelector('#send-code').click()", phone)
        self.wait("#code")
        self.js("document.querySelector('#code').value = '123456'; document.querySelector('#verify').click()")
        time.sleep(0.2)
        self.wait("#main")

    def shot(self, path, full=True):
        if full:
            h = self.js("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
            w = self.js("return window.innerWidth")
            self.size(w, min(int(h) + 100, 6000))
        png = base64.b64decode(self.s("GET", "/screenshot"))
        with open(path, "wb") as f:
            f.write(png)

    def quit(self):
        try: self.s("DELETE", "")
        except Exception: pass
        self.proc.kill()

def main():
    base, out, specs = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    d = Driver()
    signed = None
    try:
        for spec in specs:
            name, rest = spec.split("=", 1)
            surface, phone, path, lang, width = rest.split(":", 4)
            if surface != "-" and signed != (surface, phone):
                d.sign_in(base, surface, phone)
                signed = (surface, phone)
            d.size(int(width), 900)
            sep = "&" if "?" in path else "?"
            d.goto(f"{base}{path}{sep}lang={lang}")
            d.wait("body")
            time.sleep(0.4)  # fonts and charts settle; a screenshot, not a test
            d.shot(os.path.join(out, f"{name}.png"))
            print(os.path.join(out, f"{name}.png"))
    finally:
        d.quit()

if __name__ == "__main__":
    main()
