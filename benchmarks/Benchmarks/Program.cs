using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(CodeStream.Integrations.Benchmarks.SignatureVerificationBenchmarks).Assembly).Run(args);
