using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Lims.Application.Abstractions;
using Lims.Application.Features.Batches;

namespace Lims.Infrastructure.Fhir;

/// <summary>
/// Reads a FHIR R4 transaction Bundle as a batch of tubes.
/// <list type="bullet">
/// <item>A <b>tube</b> is a Specimen that is no other Specimen's parent. Its barcode is <c>container.identifier</c>,
/// its collection time <c>collection.collectedDateTime</c>. A <b>pooled</b> tube lists its members' Specimens in
/// <c>parent</c> (in position order), each with <c>subject</c> → the Patient, and its capacity in swabs in
/// <c>container.capacity</c>; a <b>single</b> tube has no parent and <c>subject</c> → the Patient.</item>
/// <item>A <b>ServiceRequest</b> (status active) orders the test of the tubes its <c>specimen</c> names (the tube's
/// Specimen or a member's). Its <c>priority</c> gives the tube's: stat and asap → emergency (6 h), urgent → routine
/// (12 h), routine or none → screening (24 h); the most urgent of a tube's requests wins. The collection site is
/// <c>locationReference.display</c> (or <c>locationCode.text</c>); a tube's requests must agree on it.</item>
/// <item>A <b>Patient</b>'s identity document is the first identifier in a system Lims knows
/// (<see cref="FhirSystems.CnResident"/>, <see cref="FhirSystems.Passport"/> or HL7's
/// <c>http://hl7.org/fhir/sid/passport-XXX</c>, <see cref="FhirSystems.OtherId"/>); the name is the official (or
/// first) name's text, else family and given names; the phone is the first phone (a mobile one first).</item>
/// </list>
/// What cannot be read as tubes at all — not JSON, not valid FHIR R4, not a transaction, a resource type other than
/// Patient, Specimen and ServiceRequest, a reference to nothing in the Bundle, an entry that belongs to no tube — is
/// refused as a whole with every problem. A missing or wrong value of a tube (no barcode, a bad id number, no
/// ServiceRequest, ...) is left to the batch rules, which reject that tube only.
/// </summary>
public sealed partial class FhirBatchReader : IFhirBatchReader
{
    /// <summary>At most this many problems are listed; the rest are counted.</summary>
    public const int MaxProblems = 100;

    public IFhirBatch Read(byte[] bundle) => new Mapper(Parse(bundle)).Map();

    private static Bundle Parse(byte[] body)
    {
        var json = body.AsSpan();
        if (json.StartsWith("\uFEFF"u8)) json = json[3..];
        Resource resource;
        try
        {
            var reader = new Utf8JsonReader(json);
            resource = FhirJson.Parser.DeserializeResource(ref reader);
        }
        catch (DeserializationFailedException e)
        {
            var problems = new Problems();
            var partial = e.PartialResult as Bundle;
            foreach (var error in e.Exceptions)
            {
                var path = (error as ExtendedCodedException)?.InstancePath;
                var key = string.IsNullOrEmpty(path) || path.StartsWith('$') ? "body" : path;
                problems.Add(key, EntryIndex(key) is { } i ? $"{Label(i, partial?.Entry.ElementAtOrDefault(i)?.FullUrl)}: {error.Message}" : error.Message);
            }
            throw problems.Exception();
        }
        catch (JsonException e)
        {
            throw Problems.One("body", $"The body is not JSON: {e.Message}");
        }
        return resource as Bundle
            ?? throw Problems.One("resourceType", $"The body is a {resource.TypeName}; Lims takes a Bundle of type transaction.");
    }

    private static int? EntryIndex(string path) =>
        EntryPath().Match(path) is { Success: true } m ? int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;

    internal static string Label(int entry, string? fullUrl) =>
        string.IsNullOrEmpty(fullUrl) ? $"Entry {entry} (no fullUrl)" : $"Entry {entry} ({fullUrl})";

    [GeneratedRegex(@"^Bundle\.entry\[(\d+)\]")]
    private static partial Regex EntryPath();

    [GeneratedRegex(@"^[A-Z]{3}$")]
    private static partial Regex CountryCode();

    /// <summary>The Lims id type of an identifier system, or null when Lims does not know the system.</summary>
    public static string? IdType(string? system) => system switch
    {
        FhirSystems.CnResident => "cn-resident",
        FhirSystems.Passport => "passport",
        FhirSystems.OtherId => "other",
        not null when system.StartsWith(FhirSystems.PassportPrefix, StringComparison.Ordinal)
            && CountryCode().IsMatch(system.AsSpan(FhirSystems.PassportPrefix.Length)) => "passport",
        _ => null,
    };

    /// <summary>The Lims priority of a FHIR request priority (none means routine in FHIR).</summary>
    public static string PriorityOf(RequestPriority? priority) => priority switch
    {
        RequestPriority.Stat or RequestPriority.Asap => "emergency",
        RequestPriority.Urgent => "routine",
        RequestPriority.Routine or null => "screening",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };

    private static int Urgency(string priority) => priority switch
    {
        "emergency" => 2,
        "routine" => 1,
        _ => 0,
    };

    private sealed class Problems
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        public void Add(string key, string message)
        {
            if (++Count > MaxProblems) return;
            if (!_errors.TryGetValue(key, out var list)) _errors[key] = list = [];
            list.Add(message);
        }

        public RequestValidationException Exception()
        {
            var errors = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
            if (Count > MaxProblems) errors["Bundle"] = [$"{Count - MaxProblems:N0} more problems are not listed."];
            return new RequestValidationException(errors);
        }

        public void ThrowIfAny()
        {
            if (Count > 0) throw Exception();
        }

        public static RequestValidationException One(string key, string message) =>
            new(new Dictionary<string, string[]> { [key] = [message] });
    }

    /// <summary>Turns a parsed Bundle into tubes, checking its structure as it goes.</summary>
    private sealed class Mapper(Bundle bundle)
    {
        private readonly List<Bundle.EntryComponent> _entries = bundle.Entry;
        private readonly Problems _problems = new();
        private readonly Dictionary<string, int> _byFullUrl = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Type, string Id), int> _byTypeAndId = [];

        private string Label(int entry) => FhirBatchReader.Label(entry, _entries[entry].FullUrl);

        /// <summary>The resource of an entry known to hold one of type <typeparamref name="T"/>.</summary>
        private T Res<T>(int entry) where T : Resource => (T)_entries[entry].Resource!;

        private static string Path(int entry, string element) => $"Bundle.entry[{entry}].resource.{element}";

        private void Problem(int entry, string element, string message) =>
            _problems.Add(element.Length == 0 ? $"Bundle.entry[{entry}]" : Path(entry, element), $"{Label(entry)}: {message}");

        public FhirBatch Map()
        {
            if (bundle.Type != Bundle.BundleType.Transaction)
                _problems.Add("Bundle.type", $"The Bundle is of type '{bundle.Type?.GetLiteral() ?? "(none)"}'; Lims takes a Bundle of type transaction.");
            if (_entries.Count == 0)
                _problems.Add("Bundle.entry", "The Bundle has no entries.");
            _problems.ThrowIfAny();

            IndexEntries();
            _problems.ThrowIfAny();

            var specimens = Indexes<Specimen>();
            var poolOf = new Dictionary<int, int>();          // member Specimen → its pooled tube's Specimen
            var parents = new Dictionary<int, List<int>>();   // pooled tube's Specimen → member Specimens, in order
            foreach (var s in specimens)
            {
                var specimen = Res<Specimen>(s);
                if (specimen.Parent.Count == 0) continue;
                var members = parents[s] = [];
                for (var k = 0; k < specimen.Parent.Count; k++)
                {
                    if (Resolve(s, $"parent[{k}]", specimen.Parent[k], nameof(Specimen)) is not { } member) continue;
                    if (member == s) Problem(s, $"parent[{k}]", "the Specimen lists itself as its parent.");
                    else if (!poolOf.TryAdd(member, s))
                        Problem(s, $"parent[{k}]", $"the member Specimen {Label(member)} is already in the pooled Specimen {Label(poolOf[member])}; a swab is in one tube.");
                    else members.Add(member);
                }
            }
            foreach (var (member, pool) in poolOf)
                if (parents.ContainsKey(member))
                    Problem(member, "parent", $"the Specimen is a member of the pooled Specimen {Label(pool)} and a pool itself; a pooled tube is never pooled again.");

            var tubes = specimens.Where(s => !poolOf.ContainsKey(s)).ToList();
            var tubeOf = new Dictionary<int, int>();          // any Specimen → its tube's Specimen
            foreach (var t in tubes) tubeOf[t] = t;
            foreach (var (member, pool) in poolOf) tubeOf[member] = pool;

            // Who is in each Specimen that stands for one person: a member's swab, or a single tube.
            var subjectOf = new Dictionary<int, int>();
            foreach (var s in specimens.Where(s => !parents.ContainsKey(s)))
                if (Res<Specimen>(s).Subject is { } subject
                    && Resolve(s, "subject", subject, nameof(Patient)) is { } patient)
                    subjectOf[s] = patient;

            var peopleOf = tubes.ToDictionary(t => t, t => parents.TryGetValue(t, out var members)
                ? members.Select(m => subjectOf.TryGetValue(m, out var p) ? p : (int?)null).ToList()
                : subjectOf.TryGetValue(t, out var single) ? [single] : new List<int?>());
            var inTubes = new HashSet<int>(subjectOf.Values);
            foreach (var p in Indexes<Patient>().Where(p => !inTubes.Contains(p)))
                Problem(p, "", "no Specimen of the Bundle has this Patient as its subject, so the Patient is in no tube.");

            var requestsOf = tubes.ToDictionary(t => t, _ => new List<int>());
            foreach (var r in Indexes<ServiceRequest>())
                ReadRequest(r, tubeOf, peopleOf, requestsOf);
            _problems.ThrowIfAny();

            var requests = new List<TubeRequest?>(tubes.Count);
            var maps = new List<TubeMap>(tubes.Count);
            foreach (var t in tubes)
            {
                var pooled = parents.TryGetValue(t, out var members);
                requests.Add(ReadTube(t, pooled, peopleOf[t], requestsOf[t]));
                maps.Add(new TubeMap(t, pooled, pooled ? [.. members!] : [], [.. peopleOf[t]], [.. requestsOf[t]]));
            }
            _problems.ThrowIfAny();

            var entryTubes = new List<int>[_entries.Count];
            for (var i = 0; i < entryTubes.Length; i++) entryTubes[i] = [];
            for (var tube = 0; tube < maps.Count; tube++)
            {
                var map = maps[tube];
                foreach (var e in new[] { map.Entry }.Concat(map.Members).Concat(map.People.OfType<int>()).Concat(map.Requests).Distinct())
                    entryTubes[e].Add(tube);
            }
            var reference = bundle.Identifier?.Value;
            return new FhirBatch(new BatchRequest(reference, requests), maps, [.. entryTubes.Select(t => t.ToArray())]);
        }

        private List<int> Indexes<T>() where T : Resource =>
            [.. Enumerable.Range(0, _entries.Count).Where(i => _entries[i].Resource is T)];

        private void IndexEntries()
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var entry = _entries[i];
                if (entry.Resource is null)
                {
                    Problem(i, "", "the entry has no resource.");
                    continue;
                }
                if (entry.Resource is not (Patient or Specimen or ServiceRequest))
                    Problem(i, "", $"Lims does not take {entry.Resource.TypeName} resources in a batch, only Patient, Specimen and ServiceRequest.");
                if (entry.Request?.Method != Bundle.HTTPVerb.POST)
                    _problems.Add($"Bundle.entry[{i}].request", $"{Label(i)}: a transaction entry of a batch is created: request.method must be POST, not {entry.Request?.Method?.GetLiteral() ?? "missing"}.");
                if (!string.IsNullOrEmpty(entry.FullUrl) && !_byFullUrl.TryAdd(entry.FullUrl, i))
                    _problems.Add($"Bundle.entry[{i}].fullUrl", $"{Label(i)}: entry {_byFullUrl[entry.FullUrl]} has the same fullUrl.");
                if (!string.IsNullOrEmpty(entry.Resource.Id))
                    _byTypeAndId.TryAdd((entry.Resource.TypeName, entry.Resource.Id), i);
            }
        }

        /// <summary>The entry a reference points at, which must be of <paramref name="type"/>; null (and a problem) when none.</summary>
        private int? Resolve(int from, string element, ResourceReference reference, string type)
        {
            var resourceType = Res<Resource>(from).TypeName;
            var target = reference.Reference;
            if (string.IsNullOrEmpty(target))
            {
                Problem(from, element, $"{resourceType}.{Bare(element)} must point at the {type}'s entry in the Bundle (its fullUrl as reference).");
                return null;
            }
            if (target.StartsWith('#'))
            {
                Problem(from, element, $"{resourceType}.{Bare(element)} '{target}' points at a contained resource; put the {type} in the Bundle as an entry.");
                return null;
            }
            int? found = _byFullUrl.TryGetValue(target, out var byUrl) ? byUrl : null;
            if (found is null && target.Split('/') is [.., var t, var id] && _byTypeAndId.TryGetValue((t, id), out var byId)) found = byId;
            if (found is not { } index)
            {
                Problem(from, element, $"{resourceType}.{Bare(element)} '{target}' points at nothing in the Bundle.");
                return null;
            }
            if (Res<Resource>(index).TypeName != type)
            {
                Problem(from, element, $"{resourceType}.{Bare(element)} '{target}' is {Label(index)}, a {Res<Resource>(index).TypeName}, not a {type}.");
                return null;
            }
            return index;
        }

        private static string Bare(string element) => element.Split('[')[0];

        private void ReadRequest(int r, Dictionary<int, int> tubeOf, Dictionary<int, List<int?>> peopleOf, Dictionary<int, List<int>> requestsOf)
        {
            var request = Res<ServiceRequest>(r);
            if (request.Status != RequestStatus.Active)
                Problem(r, "status", $"ServiceRequest.status is '{request.Status?.GetLiteral()}'; Lims registers active orders only.");
            if (request.Specimen.Count == 0)
                Problem(r, "specimen", "the ServiceRequest names no Specimen: list the tube's Specimen in ServiceRequest.specimen.");
            var tubes = new List<int>();
            for (var k = 0; k < request.Specimen.Count; k++)
                if (Resolve(r, $"specimen[{k}]", request.Specimen[k], nameof(Specimen)) is { } s && !tubes.Contains(tubeOf[s]))
                    tubes.Add(tubeOf[s]);
            foreach (var t in tubes) requestsOf[t].Add(r);

            // A subject that is a reference must be in the Bundle and be one of the people of the tubes ordered.
            if (request.Subject is { Reference.Length: > 0 } subject && Resolve(r, "subject", subject, nameof(Patient)) is { } patient)
                foreach (var t in tubes.Where(t => !peopleOf[t].Contains(patient)))
                    Problem(r, "subject", $"the subject {Label(patient)} is not a person in the tube of {Label(t)}.");
        }

        private TubeRequest ReadTube(int t, bool pooled, List<int?> people, List<int> requests)
        {
            var specimen = Res<Specimen>(t);
            string? barcode = null;
            int? capacity = null;
            if (specimen.Container.Count > 1)
                Problem(t, "container", $"a tube has one container; this Specimen has {specimen.Container.Count}.");
            else if (specimen.Container.FirstOrDefault() is { } container)
            {
                if (container.Identifier.Count > 1)
                    Problem(t, "container[0].identifier", $"the container has {container.Identifier.Count} identifiers; give the tube barcode as its only one.");
                else barcode = container.Identifier.FirstOrDefault()?.Value;
                if (container.Capacity?.Value is { } value)
                {
                    if (value != decimal.Truncate(value) || value is < 1 or > int.MaxValue)
                        Problem(t, "container[0].capacity", $"the capacity is the number of swabs the tube takes, a whole number, not {value}.");
                    else capacity = (int)value;
                }
            }

            // The text as sent: the batch rules refuse the tube when it lacks a time or its offset (a FHIR dateTime may be
            // a date alone), is before 2020 or in the future, as for the JSON batch.
            string? collectedAt = null;
            switch (specimen.Collection?.Collected)
            {
                case null:
                    break;
                case FhirDateTime { Value: var value }:
                    collectedAt = value;
                    break;
                default:
                    Problem(t, "collection", "give the collection time as collection.collectedDateTime, not a period.");
                    break;
            }

            string? priority = null;
            string? site = null;
            int? siteEntry = null;
            foreach (var r in requests)
            {
                var request = Res<ServiceRequest>(r);
                var p = PriorityOf(request.Priority);
                if (priority is null || Urgency(p) > Urgency(priority)) priority = p;
                if (Site(request) is not { } s) continue;
                if (site is null)
                {
                    (site, siteEntry) = (s, r);
                }
                else if (s != site)
                    Problem(t, "", $"the tube's ServiceRequests name different collection sites: '{site}' ({Label(siteEntry!.Value)}) and '{s}' ({Label(r)}).");
            }

            var members = people.Select(p => p is { } patient ? Member(Res<Patient>(patient)) : null).ToList();
            return new TubeRequest(barcode, pooled ? "pooled" : "single", capacity, collectedAt, site, priority, members);
        }

        private static string? Site(ServiceRequest request) =>
            request.LocationReference.Select(r => r.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d))?.Trim()
            ?? request.LocationCode.Select(c => c.Text ?? c.Coding.Select(x => x.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d)))
                .FirstOrDefault(d => !string.IsNullOrWhiteSpace(d))?.Trim();

        private static MemberRequest Member(Patient patient)
        {
            var identifier = patient.Identifier.FirstOrDefault(i => IdType(i.System) is not null);
            var name = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
            var text = name is null ? null
                : !string.IsNullOrWhiteSpace(name.Text) ? name.Text
                : string.Join(' ', new[] { name.Family }.Concat(name.Given).Where(n => !string.IsNullOrWhiteSpace(n)));
            var phones = patient.Telecom.Where(c => c.System == ContactPoint.ContactPointSystem.Phone && !string.IsNullOrWhiteSpace(c.Value)).ToList();
            var phone = (phones.FirstOrDefault(c => c.Use == ContactPoint.ContactPointUse.Mobile) ?? phones.FirstOrDefault())?.Value;
            // Any other identifier with a value is the submitter's own (its patient number): echoed back with the results.
            var own = patient.Identifier.FirstOrDefault(i => i != identifier && IdType(i.System) is null && !string.IsNullOrWhiteSpace(i.Value));
            return new MemberRequest(IdType(identifier?.System), identifier?.Value, text, phone, own?.Value, own?.System);
        }
    }
}

/// <summary>Where a tube of the batch came from in the Bundle: its Specimen entry, its members' Specimens and Patients, its ServiceRequests.</summary>
/// <param name="People">The Patient entry of each member in position order (null: that member's Specimen has no subject).</param>
internal sealed record TubeMap(int Entry, bool Pooled, int[] Members, int?[] People, int[] Requests);
