using BenchmarkDotNet.Running;
using Lims.Benchmarks;

try
{
    return args.FirstOrDefault() switch
    {
        "load" => await LoadGenerator.RunAsync(new Arguments(args.Skip(1))),
        "phases" => await Phases.RunAsync(new Arguments(args.Skip(1))),
        "recall-day" => await RecallDay.RunAsync(new Arguments(args.Skip(1))),
        "tat-day" => await TatDay.RunAsync(new Arguments(args.Skip(1))),
        "lookup-seed" => await LookupLoad.SeedAsync(new Arguments(args.Skip(1))),
        "lookup-load" => await LookupLoad.RunAsync(new Arguments(args.Skip(1))),
        "lookup-id" => PrintLookupId(args),
        "bare-http" => await BareHttp.RunAsync(new Arguments(args.Skip(1))),
        "help" or "--help" or "-h" => Help(),
        _ => Benchmarks(args),
    };
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n\n{Arguments.Usage}");
    return 1;
}

static int Benchmarks(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(RegistrationBenchmarks).Assembly).Run(args);
    return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
}

static int PrintLookupId(string[] args)
{
    Console.WriteLine(LookupLoad.Id(long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)));
    return 0;
}

static int Help()
{
    Console.WriteLine(Arguments.Usage);
    return 0;
}
