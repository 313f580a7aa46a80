using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*'
// In-process: BenchmarkDotNet's generated child project can't build under this repository's Directory.Build.props
// (assembly names are CodeStream.Integrations.<Folder>), and in-process runs are what the figures in
// docs/benchmarks.md were taken with.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(CodeStream.Integrations.Benchmarks.SignatureVerificationBenchmarks).Assembly).Run(args, config);
