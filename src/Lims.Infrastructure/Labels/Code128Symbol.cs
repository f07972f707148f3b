namespace Lims.Infrastructure.Labels;

/// <summary>An encoded Code 128 symbol: codewords <c>[start, data…, check, stop]</c> and their modules.</summary>
public sealed class Code128Symbol
{
    internal Code128Symbol(int[] codewords, string modules)
    {
        Codewords = codewords;
        Modules = modules;
    }

    public IReadOnlyList<int> Codewords { get; }

    /// <summary>"1" a bar module, "0" a space module; without quiet zones.</summary>
    public string Modules { get; }

    public int Width => Modules.Length;

    /// <summary>The width including a quiet zone of <see cref="Code128.QuietZoneModules"/> on each side.</summary>
    public int WidthWithQuietZones => Modules.Length + 2 * Code128.QuietZoneModules;

    /// <summary>The bars as (first module, width in modules), counted from the start of the symbol.</summary>
    public IEnumerable<(int Start, int Width)> Bars()
    {
        var i = 0;
        while (i < Modules.Length)
        {
            if (Modules[i] == '0') { i++; continue; }
            var start = i;
            while (i < Modules.Length && Modules[i] == '1') i++;
            yield return (start, i - start);
        }
    }
}
