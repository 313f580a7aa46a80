using System.Security.Cryptography;
using System.Text;
using CodeStream.Integrations.Web.Slack;

namespace CodeStream.Integrations.Web.FunctionalTests.Slack;

/// <summary>Slack's v0 request signing, checked against Slack's documented example and every way a request can be wrong.</summary>
public sealed class SlackSignatureVerifierTests
{
    // Slack's documented example ("Verifying requests from Slack"); the signature is an independent implementation's output.
    private const string DocumentedSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DocumentedTimestamp = "1531420618";
    private const long DocumentedNow = 1531420618;
    private const string DocumentedSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string DocumentedBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
        + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
        + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static byte[] Secret => Encoding.UTF8.GetBytes(DocumentedSecret);

    private static byte[] Body => Encoding.UTF8.GetBytes(DocumentedBody);

    [Fact]
    public void Verify_WhenSlackDocumentedExample_IsValid()
    {
        var check = SlackSignatureVerifier.Verify(Secret, DocumentedTimestamp, DocumentedSignature, Body, DocumentedNow);

        Assert.Equal(SlackSignatureCheck.Valid, check);
    }

    [Fact]
    public void ComputeSignature_WhenSlackDocumentedExample_WritesDocumentedSignature()
    {
        Span<byte> destination = stackalloc byte[67];

        SlackSignatureVerifier.ComputeSignature(Secret, DocumentedTimestamp, Body, destination);

        Assert.Equal(DocumentedSignature, Encoding.ASCII.GetString(destination));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Verify_WhenTimestampWithin300Seconds_IsValid(long nowOffset)
    {
        var check = SlackSignatureVerifier.Verify(Secret, DocumentedTimestamp, DocumentedSignature, Body, DocumentedNow + nowOffset);

        Assert.Equal(SlackSignatureCheck.Valid, check);
    }

    [Theory]
    [InlineData(301)] // the request is 301 s old
    [InlineData(-301)] // the request claims to come 301 s from now
    [InlineData(86_400)]
    [InlineData(-86_400)]
    public void Verify_WhenTimestampMoreThan300SecondsAway_IsStale(long nowOffset)
    {
        var check = SlackSignatureVerifier.Verify(Secret, DocumentedTimestamp, DocumentedSignature, Body, DocumentedNow + nowOffset);

        Assert.Equal(SlackSignatureCheck.StaleTimestamp, check);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9223372036854775807")] // long.MaxValue: parses, is far away, must not overflow
    public void Verify_WhenTimestampIsNumericButFarAway_IsStale(string timestamp)
    {
        var check = SlackSignatureVerifier.Verify(Secret, timestamp, SignatureOf(timestamp, Body), Body, DocumentedNow);

        Assert.Equal(SlackSignatureCheck.StaleTimestamp, check);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1531420618abc")]
    [InlineData("1531420618.5")]
    [InlineData("1.531420618e9")]
    [InlineData("-1531420618")]
    [InlineData("-1")]
    [InlineData("+1531420618")]
    [InlineData(" 1531420618")]
    [InlineData("1531420618 ")]
    [InlineData("0x5B47A0CA")]
    [InlineData("１５３１４２０６１８")] // full-width digits
    [InlineData("12345678901234567890")] // 20 digits
    [InlineData("00000000000001531420618")] // 23 characters, numerically the documented timestamp
    [InlineData("9223372036854775808")] // long.MaxValue + 1
    public void Verify_WhenTimestampIsNotUnixSeconds_IsInvalidTimestamp(string timestamp)
    {
        var check = SlackSignatureVerifier.Verify(Secret, timestamp, SignatureOf(timestamp, Body), Body, DocumentedNow);

        Assert.Equal(SlackSignatureCheck.InvalidTimestamp, check);
    }

    [Theory]
    [InlineData(null, DocumentedSignature)]
    [InlineData("", DocumentedSignature)]
    [InlineData(DocumentedTimestamp, null)]
    [InlineData(DocumentedTimestamp, "")]
    [InlineData(null, null)]
    [InlineData("", "")]
    public void Verify_WhenAHeaderIsMissing_IsMissingHeaders(string? timestamp, string? signature)
    {
        var check = SlackSignatureVerifier.Verify(Secret, timestamp, signature, Body, DocumentedNow);

        Assert.Equal(SlackSignatureCheck.MissingHeaders, check);
    }

    [Fact]
    public void Verify_WhenSignatureHexIsUppercase_IsBadSignature()
    {
        var uppercase = "v0=" + DocumentedSignature[3..].ToUpperInvariant();

        var check = SlackSignatureVerifier.Verify(Secret, DocumentedTimestamp, uppercase, Body, DocumentedNow);

        Assert.Equal(SlackSignatureCheck.BadSignature, check);
    }

    [Theory]
    [InlineData("v0=")]
    [InlineData("v0")]
    [InlineData("x")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50")] // one digit short
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5030")] // one digit long
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503,v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")] // no version prefix
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")] // unknown version
    [InlineData(" v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50")] // right length, shifted
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50é")] // non-ASCII last character
    [InlineData("v0=0000000000000000000000000000000000000000000000000000000000000000")]
    public void Verify_WhenSignatureIsMalformedOrWrongLength_IsBadSignature(string signature)
    {
        var check = SlackSignatureVerifier.Verify(Secret, DocumentedTimestamp, signature, Body, DocumentedNow);

        Assert.Equal(SlackSignatureCheck.BadSignature, check);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(-1)] // the last byte
    public void Verify_WhenOneBodyByteIsFlipped_IsBadSignature(int index)
    {
        var body = Body;
        var at = index < 0 ? body.Length + index : index;
        body[at] ^= 0x01;

        var check = SlackSignatureVerifier.Verify(Secret, DocumentedTimestamp, DocumentedSignature, body, DocumentedNow);

        Assert.Equal(SlackSignatureCheck.BadSignature, check);
    }

    [Fact]
    public void Verify_WhenBodyHasAnExtraTrailingByte_IsBadSignature()
    {
        var body = Encoding.UTF8.GetBytes(DocumentedBody + "\n");

        var check = SlackSignatureVerifier.Verify(Secret, DocumentedTimestamp, DocumentedSignature, body, DocumentedNow);

        Assert.Equal(SlackSignatureCheck.BadSignature, check);
    }

    [Fact]
    public void Verify_WhenSignedWithAnotherSecret_IsBadSignature()
    {
        var otherSecret = Encoding.UTF8.GetBytes("8f742231b10e8888abcd99yyyzzz85a6");

        var check = SlackSignatureVerifier.Verify(otherSecret, DocumentedTimestamp, DocumentedSignature, Body, DocumentedNow);

        Assert.Equal(SlackSignatureCheck.BadSignature, check);
    }

    [Fact]
    public void Verify_WhenTimestampDiffersFromTheSignedOne_IsBadSignature()
    {
        // Same signature, a timestamp one second later: still within tolerance but not what was signed.
        var check = SlackSignatureVerifier.Verify(Secret, "1531420619", DocumentedSignature, Body, DocumentedNow);

        Assert.Equal(SlackSignatureCheck.BadSignature, check);
    }

    [Fact]
    public void Verify_WhenBodyIsEmptyAndSigned_IsValid()
    {
        var check = SlackSignatureVerifier.Verify(Secret, DocumentedTimestamp, SignatureOf(DocumentedTimestamp, []), [], DocumentedNow);

        Assert.Equal(SlackSignatureCheck.Valid, check);
    }

    [Fact]
    public void Verify_AfterWarmUp_AllocatesNothingPerCall()
    {
        var body = new byte[4096];
        new Random(42).NextBytes(body);
        var timestamp = DocumentedTimestamp;
        var valid = SignatureOf(timestamp, body);
        var wrong = "v0=" + new string('0', 64);
        var secret = Secret;

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(SlackSignatureCheck.Valid, SlackSignatureVerifier.Verify(secret, timestamp, valid, body, DocumentedNow));
            Assert.Equal(SlackSignatureCheck.BadSignature, SlackSignatureVerifier.Verify(secret, timestamp, wrong, body, DocumentedNow));
        }

        var validCount = 0;
        var badCount = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            if (SlackSignatureVerifier.Verify(secret, timestamp, valid, body, DocumentedNow) == SlackSignatureCheck.Valid)
            {
                validCount++;
            }

            if (SlackSignatureVerifier.Verify(secret, timestamp, wrong, body, DocumentedNow) == SlackSignatureCheck.BadSignature)
            {
                badCount++;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1000, validCount);
        Assert.Equal(1000, badCount);
    }

    /// <summary>An independent v0 signer: <c>v0=</c> + lowercase hex HMAC-SHA256(secret, <c>v0:{ts}:{body}</c>).</summary>
    private static string SignatureOf(string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Secret, (byte[])[.. prefix, .. body]));
    }
}
