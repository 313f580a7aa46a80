using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using CodeStream.Integrations.Web.Slack;

namespace CodeStream.Integrations.Benchmarks;

/// <summary>
/// Verifying a 4 KB Slack body against a bare HMAC-SHA256 of the same bytes (issue target: ≤ 2× the baseline, no
/// allocation per call).
/// </summary>
[MemoryDiagnoser]
public class SignatureVerificationBenchmarks
{
    private readonly byte[] key = Encoding.UTF8.GetBytes("8f742231b10e8888abcd99yyyzzz85a5");
    private byte[] body = [];
    private byte[] baseString = [];
    private readonly byte[] mac = new byte[32];
    private string timestamp = string.Empty;
    private string signature = string.Empty;
    private long now;

    [GlobalSetup]
    public void Setup()
    {
        body = Encoding.UTF8.GetBytes(new string('a', 4096));
        now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        timestamp = now.ToString(System.Globalization.CultureInfo.InvariantCulture);
        baseString = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        var expected = new byte[67];
        SlackSignatureVerifier.ComputeSignature(key, timestamp, body, expected);
        signature = Encoding.ASCII.GetString(expected);
    }

    [Benchmark(Baseline = true)]
    public int BareHmacSha256() => HMACSHA256.HashData(key, baseString, mac);

    [Benchmark]
    public SlackSignatureCheck Verify() => SlackSignatureVerifier.Verify(key, timestamp, signature, body, now);
}
