using System.Text.Json.Serialization;
using Lims.Domain.Assays;
using Lims.Domain.Plates;

namespace Lims.Infrastructure.Instruments;

public enum InstrumentFormat
{
    /// <summary>RDML 1.0–1.4: a zip holding rdml_data.xml, or the XML itself.</summary>
    Rdml,

    /// <summary>Applied Biosystems 7500 SDS .eds: a zip holding apldbio/sds/analysis_result.txt.</summary>
    [JsonStringEnumMemberName("abi-7500-eds")]
    Abi7500Eds,

    /// <summary>The analysis_result.txt of a 7500 .eds on its own.</summary>
    [JsonStringEnumMemberName("abi-7500-analysis-result")]
    Abi7500AnalysisResult,

    /// <summary>QuantStudio / ViiA 7 text export ("* key = value" header, [Results], [Amplification Data]).</summary>
    [JsonStringEnumMemberName("quantstudio-text")]
    QuantStudioText,

    /// <summary>Bio-Rad CFX Maestro "Quantification Cq Results" CSV.</summary>
    [JsonStringEnumMemberName("biorad-cfx-csv")]
    BioRadCfxCsv,

    /// <summary>Roche LightCycler 480 "Abs Quant" Cp text export.</summary>
    [JsonStringEnumMemberName("lightcycler480-text")]
    LightCycler480Text,

    /// <summary>RDES, the RDML essential spreadsheet (tab-separated, Cq then one column per cycle).</summary>
    [JsonStringEnumMemberName("rdes")]
    RdesTable,

    /// <summary>A plain CSV with the columns well, target, ct (and optionally sample, dye).</summary>
    PlainCsv,
}

/// <summary>What the file says about the instrument; any part may be missing.</summary>
public sealed record InstrumentInfo(string? Name, string? Model, string? SerialNumber);

/// <summary>One target of one well. A null <see cref="Ct"/> means no amplification; <see cref="Curve"/> is the fluorescence per cycle, when the file has it.</summary>
public sealed record ParsedTarget(string Target, string? Dye, double? Ct, double[]? Curve);

public sealed record ParsedWell(WellPosition Well, string? Sample, IReadOnlyList<ParsedTarget> Targets);

/// <summary>An instrument run as read from its result file, wells in plate order (A1, A2, …, B1, …).</summary>
public sealed record ParsedRun(InstrumentFormat Format, InstrumentInfo? Instrument, int PlateSize, IReadOnlyList<ParsedWell> Wells)
{
    /// <summary>The wells as the domain reads them for interpretation.</summary>
    public IReadOnlyList<WellReading> ToReadings() =>
        Wells.Select(w => new WellReading(w.Well, w.Sample, w.Targets.Select(t => new TargetReading(t.Target, t.Dye, t.Ct, t.Curve)).ToList())).ToList();
}
