-- wrk: POST the same pre-signed Events API body (its signature stays valid for Slack's 5 minutes).
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Slack-Request-Timestamp"] = os.getenv("TS")
wrk.headers["X-Slack-Signature"] = os.getenv("SIG")
