using Lims.Domain.Plates;
using Lims.Infrastructure.Instruments;

namespace Lims.Infrastructure.Tests.Instruments;

internal static class Samples
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Instruments", "Samples");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static ParsedRun Read(string name) => InstrumentFileReader.Read(PathOf(name));

    public static ParsedRun ParseText(string text) => InstrumentFileReader.Parse(System.Text.Encoding.UTF8.GetBytes(text));

    public static ParsedWell Well(this ParsedRun run, string well) => run.Wells.Single(w => w.Well == WellPosition.Parse(well));

    public static ParsedTarget Target(this ParsedWell well, string target) => well.Targets.Single(t => t.Target == target);

    public static double? Ct(this ParsedRun run, string well, string target) => run.Well(well).Target(target).Ct;
}
