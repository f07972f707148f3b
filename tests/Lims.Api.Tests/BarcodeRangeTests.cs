using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lims.Api.Tests.Infrastructure;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Microsoft.EntityFrameworkCore;
using static Lims.Api.Tests.Infrastructure.TestData;

namespace Lims.Api.Tests;

/// <summary>Issuing ranges of new barcodes (unique, never reused) and printing labels over HTTP.</summary>
public abstract partial class BarcodeRangeTests(LimsApiFactory api)
{
    // Labels a sheet of A4 holds: 39 tube labels, 5 box labels.
    private const int TubesPerPage = 39;
    private const int BoxesPerPage = 5;

    private static string NewPrefix() => "R" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    private static HttpRequestMessage IssueRequest(object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/lab/barcode-ranges") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private static async Task<JsonElement> IssueAsync(HttpClient lab, string prefix, int count, string? kind = null)
    {
        var response = await lab.SendAsync(IssueRequest(new { prefix, count, kind }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    private Task<int> RangesAsync(string? prefix = null) =>
        api.WithDbAsync(db => db.BarcodeAllocations.CountAsync(a => prefix == null || a.Prefix == prefix));

    [Fact]
    public async Task Ranges_of_a_prefix_follow_one_another_from_1_and_other_prefixes_count_on_their_own()
    {
        var lab = await api.LabClientAsync();
        var (prefix, other) = (NewPrefix(), NewPrefix());

        var response = await lab.SendAsync(IssueRequest(new { prefix, count = 100, purpose = "  Collection site 7 " }));
        var second = await IssueAsync(lab, prefix, 1);
        var elsewhere = await IssueAsync(lab, other, 5, "box");
        var third = await IssueAsync(lab, prefix, 50);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var first = await response.JsonAsync();
        var id = first.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/lab/barcode-ranges/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(prefix, first.GetProperty("prefix").GetString());
        Assert.Equal("tube", first.GetProperty("kind").GetString());
        Assert.Equal((1, 100, 100), (first.GetProperty("first").GetInt64(), first.GetProperty("last").GetInt64(), first.GetProperty("count").GetInt32()));
        Assert.Equal(BarcodeRange.Format(prefix, 1), first.GetProperty("firstBarcode").GetString());
        Assert.Equal(BarcodeRange.Format(prefix, 100), first.GetProperty("lastBarcode").GetString());
        Assert.Equal(api.Clock.Now, first.GetProperty("issuedAt").GetDateTimeOffset());
        Assert.StartsWith("station:bench-", first.GetProperty("issuedBy").GetString(), StringComparison.Ordinal);
        Assert.Equal("Collection site 7", first.GetProperty("purpose").GetString());
        Assert.Equal((101, 101), (second.GetProperty("first").GetInt64(), second.GetProperty("last").GetInt64()));
        Assert.Equal((102, 151), (third.GetProperty("first").GetInt64(), third.GetProperty("last").GetInt64()));
        Assert.Equal((1, 5, "box"), (elsewhere.GetProperty("first").GetInt64(), elsewhere.GetProperty("last").GetInt64(), elsewhere.GetProperty("kind").GetString()));

        var fetched = await lab.GetAsync($"/api/v1/lab/barcode-ranges/{id}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(first.GetRawText(), (await fetched.JsonAsync()).GetRawText());
    }

    [Fact]
    public async Task Concurrent_requests_for_one_prefix_get_ranges_that_never_overlap()
    {
        var prefix = NewPrefix();
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.LabClientAsync()));
        var counts = Enumerable.Range(0, 24).Select(i => 1 + i * 7 % 40).ToArray();

        var responses = await Task.WhenAll(counts.Select((count, i) => clients[i % clients.Length].SendAsync(IssueRequest(new { prefix, count }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ranges = new List<(long First, long Last, int Count)>();
        foreach (var response in responses)
        {
            var range = await response.JsonAsync();
            ranges.Add((range.GetProperty("first").GetInt64(), range.GetProperty("last").GetInt64(), range.GetProperty("count").GetInt32()));
        }
        // Each answer has the count it asked for; together they tile 1 … total without a gap or an overlap.
        Assert.Equal(counts, ranges.Select(r => r.Count));
        var sorted = ranges.OrderBy(r => r.First).ToList();
        Assert.Equal(1, sorted[0].First);
        for (var i = 1; i < sorted.Count; i++) Assert.Equal(sorted[i - 1].Last + 1, sorted[i].First);
        Assert.Equal(counts.Sum(), sorted[^1].Last);
        Assert.All(sorted, r => Assert.Equal(r.Count, r.Last - r.First + 1));
        Assert.Equal(counts.Length, await RangesAsync(prefix));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_answer_the_same_range_and_another_body_is_409()
    {
        var lab = await api.LabClientAsync();
        var prefix = NewPrefix();
        var key = "labels-" + Guid.NewGuid();
        var now = api.Clock.Now;
        api.Clock.Now = now.AddTicks(1_234_567); // a time finer than the database keeps: the replay must still be identical
        HttpResponseMessage first;
        try
        {
            first = await lab.SendAsync(IssueRequest(new { prefix, count = 20, kind = "tube", purpose = "site 7" }, key));
        }
        finally
        {
            api.Clock.Now = now;
        }
        var retry = await lab.SendAsync(IssueRequest(new { prefix, count = 20, kind = "tube", purpose = "site 7" }, key));
        var otherCount = await lab.SendAsync(IssueRequest(new { prefix, count = 21, kind = "tube", purpose = "site 7" }, key));
        var otherKind = await lab.SendAsync(IssueRequest(new { prefix, count = 20, kind = "box", purpose = "site 7" }, key));
        var next = await IssueAsync(lab, prefix, 1);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.JsonAsync()).GetRawText(), (await retry.JsonAsync()).GetRawText());
        foreach (var conflict in new[] { otherCount, otherKind })
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
            Assert.Equal("idempotency-key-reused", (await conflict.JsonAsync()).GetProperty("code").GetString());
        }
        Assert.Equal(21, next.GetProperty("first").GetInt64());
        Assert.Equal(2, await RangesAsync(prefix));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_issue_one_range()
    {
        var lab = await api.LabClientAsync();
        var prefix = NewPrefix();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => lab.SendAsync(IssueRequest(new { prefix, count = 10 }, key))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = new HashSet<Guid>();
        foreach (var response in responses) ids.Add((await response.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Single(ids);
        Assert.Single(responses, r => !r.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await RangesAsync(prefix));
    }

    [Fact]
    public async Task A_bad_prefix_count_kind_or_key_is_400_with_field_errors_and_issues_nothing()
    {
        var lab = await api.LabClientAsync();
        var before = await RangesAsync();

        var badPrefix = await lab.SendAsync(IssueRequest(new { prefix = "t-26", count = 10 }));
        var noPrefix = await lab.SendAsync(IssueRequest(new { count = 10 }));
        var longPrefix = await lab.SendAsync(IssueRequest(new { prefix = "ABCDEFGHI", count = 10 }));
        var zero = await lab.SendAsync(IssueRequest(new { prefix = "T26", count = 0 }));
        var tooMany = await lab.SendAsync(IssueRequest(new { prefix = "T26", count = 100_001 }));
        var noCount = await lab.SendAsync(IssueRequest(new { prefix = "T26" }));
        var both = await lab.SendAsync(IssueRequest(new { prefix = "26", count = -1, kind = "flask" }));
        var blankKey = await lab.SendAsync(IssueRequest(new { prefix = "T26", count = 1 }, " "));

        foreach (var (response, fields) in new[]
        {
            (badPrefix, new[] { "prefix" }), (noPrefix, ["prefix"]), (longPrefix, ["prefix"]), (zero, ["count"]), (tooMany, ["count"]),
            (noCount, ["count"]), (both, ["count", "kind", "prefix"]), (blankKey, ["Idempotency-Key"]),
        })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = (await response.JsonAsync()).GetProperty("errors");
            Assert.Equal(fields, errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
            if (response == badPrefix) Assert.Contains("t-26", errors.GetProperty("prefix")[0].GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await RangesAsync());
    }

    [Fact]
    public async Task A_prefix_whose_sequence_numbers_run_out_is_409()
    {
        var lab = await api.LabClientAsync();
        var prefix = NewPrefix();
        await api.WithDbAsync(async db =>
        {
            db.BarcodeAllocations.Add(BarcodeAllocation.Issue(BarcodeAllocationId.New(), prefix, BarcodeRange.MaxSequence - 10, 5, LabelKind.Tube, api.Clock.Now, "test"));
            return await db.SaveChangesAsync();
        });

        var tooMany = await lab.SendAsync(IssueRequest(new { prefix, count = 6 }));
        var lastOnes = await IssueAsync(lab, prefix, 5);

        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Equal("barcode-sequence-exhausted", (await tooMany.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(BarcodeRange.MaxSequence, lastOnes.GetProperty("last").GetInt64());
    }

    [Fact]
    public async Task The_labels_of_a_range_come_as_zpl_svg_and_pdf_that_parse_as_what_they_claim()
    {
        var lab = await api.LabClientAsync();
        var prefix = NewPrefix();
        await IssueAsync(lab, prefix, 3);
        var range = await IssueAsync(lab, prefix, 45);
        var id = range.GetProperty("id").GetGuid();
        var barcodes = Enumerable.Range(4, 45).Select(n => BarcodeRange.Format(prefix, n)).ToList();

        var zpl = await lab.GetAsync($"/api/v1/lab/barcode-ranges/{id}/labels?format=zpl");
        var svg = await lab.GetAsync($"/api/v1/lab/barcode-ranges/{id}/labels?format=svg");
        var pdf = await lab.GetAsync($"/api/v1/lab/barcode-ranges/{id}/labels?format=pdf");

        Assert.All([zpl, svg, pdf], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("text/plain", zpl.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", zpl.Content.Headers.ContentType?.CharSet);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{barcodes[0]}-{barcodes[^1]}.pdf", pdf.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition?.DispositionType);

        // ZPL: one ^XA … ^XZ format a label, one after the other, each with its barcode as the text field.
        var formats = ZplFormat().Matches(await zpl.Content.ReadAsStringAsync());
        Assert.Equal(45, formats.Count);
        Assert.Equal(await zpl.Content.ReadAsStringAsync(), string.Concat(formats.Select(m => m.Value)));
        Assert.Equal(barcodes.Select(b => $"^FD{b}^FS"), formats.Select(m => Regex.Match(m.Value, @"\^FD[^^]*\d\^FS").Value));

        // SVG: well-formed XML, one group of bars a label, the barcodes in order.
        var document = XDocument.Parse(await svg.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", document.Root!.Name);
        Assert.Equal(45, document.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "bars"));
        Assert.Equal(barcodes, document.Descendants(ns + "text").Select(t => t.Value).Where(barcodes.Contains));

        // PDF: 39 tube labels a sheet, so 2 pages, the last barcode on the second.
        var sheets = new PdfDocument(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, sheets.PageCount);
        var contents = sheets.Contents().ToList();
        Assert.Contains($"({barcodes[TubesPerPage - 1]}) Tj", contents[0], StringComparison.Ordinal);
        Assert.Contains($"({barcodes[^1]}) Tj", contents[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Box_labels_of_a_range_are_box_sized()
    {
        var lab = await api.LabClientAsync();
        var range = await IssueAsync(lab, NewPrefix(), 12, "box");

        var pdf = await lab.GetAsync($"/api/v1/lab/barcode-ranges/{range.GetProperty("id").GetGuid()}/labels?format=pdf");

        var sheets = new PdfDocument(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal((12 + BoxesPerPage - 1) / BoxesPerPage, sheets.PageCount);
        Assert.Contains("Transport box", sheets.Contents().First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ten_thousand_label_pdf_of_a_range_streams_and_is_complete()
    {
        var lab = await api.LabClientAsync();
        var prefix = NewPrefix();
        var range = await IssueAsync(lab, prefix, 10_000);

        using var response = await lab.GetAsync($"/api/v1/lab/barcode-ranges/{range.GetProperty("id").GetGuid()}/labels?format=pdf", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        // Written as it is made: no length is known before the last page.
        Assert.Null(response.Content.Headers.ContentLength);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var reads = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, read);
            reads++;
        }
        Assert.True(reads > 10, $"the body came in {reads} reads");
        var sheets = new PdfDocument(received.ToArray());
        Assert.Equal((10_000 + TubesPerPage - 1) / TubesPerPage, sheets.PageCount);
        var contents = sheets.Contents().ToList();
        Assert.Equal(sheets.PageCount, contents.Count);
        Assert.Contains($"({BarcodeRange.Format(prefix, 1)}) Tj", contents[0], StringComparison.Ordinal);
        Assert.Contains($"({BarcodeRange.Format(prefix, 10_000)}) Tj", contents[^1], StringComparison.Ordinal);
        Assert.Equal(10_000, contents.Sum(c => Regex.Count(c, $@"\({prefix}\d{{10}}\) Tj")));
    }

    [Fact]
    public async Task An_unknown_range_is_404_and_an_unknown_format_400()
    {
        var lab = await api.LabClientAsync();
        var range = await IssueAsync(lab, NewPrefix(), 2);
        var unknown = Guid.NewGuid();

        var get = await lab.GetAsync($"/api/v1/lab/barcode-ranges/{unknown}");
        var labels = await lab.GetAsync($"/api/v1/lab/barcode-ranges/{unknown}/labels?format=pdf");
        var notAnId = await lab.GetAsync("/api/v1/lab/barcode-ranges/T26/labels?format=pdf");
        var badFormat = await lab.GetAsync($"/api/v1/lab/barcode-ranges/{range.GetProperty("id").GetGuid()}/labels?format=png");
        var noFormat = await lab.GetAsync($"/api/v1/lab/barcode-ranges/{range.GetProperty("id").GetGuid()}/labels");

        Assert.All([get, labels], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        // A range id that is not a GUID is input that cannot be bound, named as such (ApiSurfaceTests), not a missing range.
        Assert.Equal(HttpStatusCode.BadRequest, notAnId.StatusCode);
        Assert.True((await notAnId.JsonAsync()).GetProperty("errors").TryGetProperty("id", out _));
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/problem+json", labels.Content.Headers.ContentType?.MediaType);
        foreach (var response in new[] { badFormat, noFormat })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("format", out _));
        }
    }

    [Theory]
    [InlineData(203, 400, 2)]
    [InlineData(300, 591, 3)]
    [InlineData(600, 1181, 6)]
    public async Task The_dpi_of_the_printer_is_a_parameter_and_tube_bars_are_a_quarter_millimetre_at_each(int dpi, int width, int module)
    {
        var lab = await api.LabClientAsync();
        // A short prefix, so that the barcode fits the label at the full module (a long one gets fewer dots where the label has no room).
        var range = await IssueAsync(lab, "DPI", 2);

        var ranged = await (await lab.GetAsync($"/api/v1/lab/barcode-ranges/{range.GetProperty("id").GetGuid()}/labels?format=zpl&dpi={dpi}")).Content.ReadAsStringAsync();
        var posted = await (await lab.PostAsJsonAsync("/api/v1/lab/labels", new { kind = "tube", format = "zpl", dpi, barcodes = new[] { "T26000000017" } })).Content.ReadAsStringAsync();

        foreach (var zpl in new[] { ranged, posted })
        {
            Assert.Contains($"^PW{width}^", zpl, StringComparison.Ordinal);
            // The narrowest bar: the 0.25 mm module rounded to the nearest dot (1 dot, 0.125 mm, at 203 dpi before).
            Assert.Equal(module, Bars().Matches(zpl).Min(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task A_dpi_no_printer_has_is_400_on_dpi_and_prints_nothing()
    {
        var lab = await api.LabClientAsync();
        var range = await IssueAsync(lab, NewPrefix(), 2);

        var ranged = await lab.GetAsync($"/api/v1/lab/barcode-ranges/{range.GetProperty("id").GetGuid()}/labels?format=zpl&dpi=250");
        var posted = await lab.PostAsJsonAsync("/api/v1/lab/labels", new { kind = "tube", format = "zpl", dpi = 0, barcodes = new[] { "T26000000017" } });

        foreach (var (response, dpi) in new[] { (ranged, 250), (posted, 0) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.JsonAsync()).GetProperty("errors");
            Assert.Equal(["dpi"], errors.EnumerateObject().Select(e => e.Name));
            Assert.Equal($"Zebra printers print at 152, 203, 300 or 600 dpi, not {dpi}.", errors.GetProperty("dpi")[0].GetString());
        }
    }

    [Fact]
    public async Task A_submitter_fetches_the_ranges_issued_to_it_and_never_another_ones()
    {
        var lab = await api.LabClientAsync();
        var code = "h-" + Guid.NewGuid().ToString("N")[..10];
        var hospital = await api.ClientForNewSubmitterAsync(code);
        var stranger = await api.ClientForNewSubmitterAsync();
        var issued = await lab.SendAsync(IssueRequest(new { prefix = NewPrefix(), count = 3, purpose = "site 7 tubes", submitter = code }));
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var range = await issued.JsonAsync();
        var id = range.GetProperty("id").GetGuid();
        Assert.Equal(code, range.GetProperty("submitter").GetString());
        var labs = (await IssueAsync(lab, NewPrefix(), 1)).GetProperty("id").GetGuid();

        var own = await hospital.GetAsync($"/api/v1/barcode-ranges/{id}");
        var ownLabels = await hospital.GetAsync($"/api/v1/barcode-ranges/{id}/labels?format=zpl&dpi=300");
        var theirs = await stranger.GetAsync($"/api/v1/barcode-ranges/{id}");
        var theirLabels = await stranger.GetAsync($"/api/v1/barcode-ranges/{id}/labels?format=zpl");
        var labsOwn = await hospital.GetAsync($"/api/v1/barcode-ranges/{labs}/labels?format=pdf");
        var unknown = await hospital.GetAsync($"/api/v1/barcode-ranges/{Guid.NewGuid()}");
        var labEndpoint = await hospital.GetAsync($"/api/v1/lab/barcode-ranges/{id}/labels?format=zpl");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(range.GetRawText(), (await own.JsonAsync()).GetRawText());
        Assert.Equal(HttpStatusCode.OK, ownLabels.StatusCode);
        var zpl = await ownLabels.Content.ReadAsStringAsync();
        Assert.Equal(3, ZplFormat().Matches(zpl).Count);
        Assert.Contains($"^FD{range.GetProperty("lastBarcode").GetString()}^FS", zpl, StringComparison.Ordinal);
        Assert.Contains("^PW591^", zpl, StringComparison.Ordinal);
        // Another submitter's range, the lab's own and an unknown one answer alike.
        foreach (var response in new[] { theirs, theirLabels, labsOwn, unknown })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal((await theirs.JsonAsync()).GetProperty("title").GetString(), (await unknown.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, labEndpoint.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lab.GetAsync($"/api/v1/barcode-ranges/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_range_for_a_submitter_that_does_not_exist_is_400_on_submitter_and_issues_nothing()
    {
        var lab = await api.LabClientAsync();
        var prefix = NewPrefix();

        var response = await lab.SendAsync(IssueRequest(new { prefix, count = 3, submitter = "no-such-hospital" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("There is no submitter 'no-such-hospital'.", (await response.JsonAsync()).GetProperty("errors").GetProperty("submitter")[0].GetString());
        Assert.Equal(0, await RangesAsync(prefix));
    }

    [Fact]
    public async Task Labels_for_existing_barcodes_print_reprints_and_box_labels()
    {
        var lab = await api.LabClientAsync();
        var boxes = new[] { NewBarcode("B"), NewBarcode("B"), NewBarcode("B") };

        var svg = await lab.PostAsJsonAsync("/api/v1/lab/labels", new { kind = "box", format = "svg", barcodes = boxes });
        var zpl = await lab.PostAsJsonAsync("/api/v1/lab/labels", new { kind = "tube", format = "zpl", barcodes = new[] { "T26000000017", "T26000000025" } });

        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal("labels.svg", svg.Content.Headers.ContentDisposition?.FileName);
        var document = XDocument.Parse(await svg.Content.ReadAsStringAsync());
        var texts = document.Descendants().Where(e => e.Name.LocalName == "text").Select(t => t.Value).ToList();
        Assert.Equal(boxes, texts.Where(boxes.Contains));
        Assert.Equal(3, texts.Count(t => t.StartsWith("Transport box", StringComparison.Ordinal)));
        var formats = ZplFormat().Matches(await zpl.Content.ReadAsStringAsync());
        Assert.Equal(2, formats.Count);
        Assert.Contains("^FDT26000000025^FS", formats[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_barcodes_in_a_label_job_are_listed_with_their_index()
    {
        var lab = await api.LabClientAsync();

        var bad = await lab.PostAsJsonAsync("/api/v1/lab/labels", new { kind = "tube", format = "pdf", barcodes = new[] { "T26000000017", "T26 0001", "T2", "T26000000025", "" } });
        var none = await lab.PostAsJsonAsync("/api/v1/lab/labels", new { kind = "tube", format = "pdf", barcodes = Array.Empty<string>() });
        var tooMany = await lab.PostAsJsonAsync("/api/v1/lab/labels", new { kind = "tube", format = "zpl", barcodes = Enumerable.Range(0, 10_001).Select(i => $"T{i:D9}").ToArray() });
        var wrongKindAndFormat = await lab.PostAsJsonAsync("/api/v1/lab/labels", new { kind = "flask", format = "png", barcodes = new[] { "T26000000017" } });
        var missing = await lab.PostAsJsonAsync("/api/v1/lab/labels", new { kind = "tube", format = "zpl" });

        foreach (var (response, fields) in new[]
        {
            (bad, new[] { "barcodes[1]", "barcodes[2]", "barcodes[4]" }), (none, ["barcodes"]), (tooMany, ["barcodes"]),
            (wrongKindAndFormat, ["format", "kind"]), (missing, ["barcodes"]),
        })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = (await response.JsonAsync()).GetProperty("errors");
            Assert.Equal(fields, errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
            if (response != bad) continue;
            Assert.Contains("\"T26 0001\"", errors.GetProperty("barcodes[1]")[0].GetString(), StringComparison.Ordinal);
            Assert.Contains("4 to 32 characters", errors.GetProperty("barcodes[2]")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_ten_thousand_label_job_for_existing_barcodes_is_printed()
    {
        var lab = await api.LabClientAsync();
        var barcodes = Enumerable.Range(1, 10_000).Select(i => BarcodeRange.Format("T26", i)).ToArray();

        var response = await lab.PostAsJsonAsync("/api/v1/lab/labels", new { kind = "tube", format = "zpl", barcodes });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var formats = ZplFormat().Matches(await response.Content.ReadAsStringAsync());
        Assert.Equal(10_000, formats.Count);
        Assert.Contains($"^FD{barcodes[^1]}^FS", formats[^1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submitter_key_may_neither_issue_ranges_nor_print_labels()
    {
        var lab = await api.LabClientAsync();
        var hospital = await api.ClientForNewSubmitterAsync();
        var range = await IssueAsync(lab, NewPrefix(), 1);
        var id = range.GetProperty("id").GetGuid();
        var before = await RangesAsync();

        var responses = new[]
        {
            await hospital.SendAsync(IssueRequest(new { prefix = NewPrefix(), count = 1 })),
            await hospital.GetAsync($"/api/v1/lab/barcode-ranges/{id}"),
            await hospital.GetAsync($"/api/v1/lab/barcode-ranges/{id}/labels?format=zpl"),
            await hospital.PostAsJsonAsync("/api/v1/lab/labels", new { kind = "tube", format = "zpl", barcodes = new[] { "T26000000017" } }),
        };

        Assert.All(responses, r =>
        {
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(before, await RangesAsync());
        var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(IssueRequest(new { prefix = NewPrefix(), count = 1 }))).StatusCode);
    }

    // A ^GB box's width and height: the bars are the tallest boxes, their widths whole modules.
    [GeneratedRegex(@"\^GB(\d+),(\d+),\d+\^FS")]
    private static partial Regex Bars();

    [GeneratedRegex(@"\^XA(?:(?!\^XA).)*?\^XZ\n", RegexOptions.Singleline)]
    private static partial Regex ZplFormat();
}

public sealed class SqliteBarcodeRangeTests(SqliteApi fixture) : BarcodeRangeTests(fixture.Api), IClassFixture<SqliteApi>;

public sealed class PostgreSqlBarcodeRangeTests(PostgreSqlApi fixture) : BarcodeRangeTests(fixture.Api), IClassFixture<PostgreSqlApi>;
