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
    private readonly byte[] _key = Encoding.UTF8.GetBytes("8f742231b10e8888abcd99yyyzzz85a5");
    private byte[] _body = [];
    private byte[] _baseString = [];
    private readonly byte[] _mac = new byte[32];
    private string _timestamp = string.Empty;
    private string _signature = string.Empty;
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        _body = Encoding.UTF8.GetBytes(new string('a', 4096));
        _now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _timestamp = _now.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _baseString = Encoding.UTF8.GetBytes($"v0:{_timestamp}:").Concat(_body).ToArray();
        var expected = new byte[67];
        SlackSignatureVerifier.ComputeSignature(_key, _timestamp, _body, expected);
        _signature = Encoding.ASCII.GetString(expected);
    }

    [Benchmark(Baseline = true)]
    public int BareHmacSha256() => HMACSHA256.HashData(_key, _baseString, _mac);

    [Benchmark]
    public SlackSignatureCheck Verify() => SlackSignatureVerifier.Verify(_key, _timestamp, _signature, _body, _now);
}
