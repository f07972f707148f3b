using System.Text.Json;
using System.Text.Json.Nodes;
using Lims.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Lims.Infrastructure.Persistence.Audit;

/// <summary>
/// Turns what a save is about to write into audit events: one per changed aggregate (an entity and the parts it
/// owns), action <c>created</c>, <c>changed</c> or <c>deleted</c>, with before/after as small JSON objects of the
/// changed properties only. Owned parts appear under their navigation and item (<c>{"wells":{"A1":{"tubeBarcode":"TB1"}}}</c>);
/// when a save adds more than <see cref="MaxItemsListed"/> items to one collection, only their number is given
/// (<c>{"wellsAdded":96}</c>). A replaced item (records are replaced, not edited) shows as its changed properties.
/// Values are captured before the save (it overwrites the original values); names that are keys the database generates
/// (an owned item's identity, temporary until its row is inserted) are read after it, so events carry the ids as stored.
/// </summary>
internal static class EntityChanges
{
    public const int MaxItemsListed = 20;

    /// <summary>The event of one changed aggregate: <see cref="Record"/> is asked once the save has written its rows.</summary>
    public sealed class Change
    {
        private readonly Func<AuditRecord?>? _later;
        private AuditRecord? _record;

        internal Change(AuditRecord record) => _record = record;

        internal Change(Func<AuditRecord?> later) => _later = later;

        public AuditRecord Record() => _record ??= _later!()
            ?? throw new InvalidOperationException("An aggregate with new parts gave no audit event.");
    }

    /// <param name="summarized">Entity types whose new rows this save records with one summary event instead (bulk paths).</param>
    public static List<Change> Collect(DbContext db, string actor, IReadOnlySet<Type> summarized)
    {
        // The caller detected the changes: reading the entries again must not scan every tracked entity each time.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return CollectDetected(db, actor, summarized);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static List<Change> CollectDetected(DbContext db, string actor, IReadOnlySet<Type> summarized)
    {
        var changed = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Count == 0) return [];

        var aggregates = new Dictionary<object, Aggregate>(ReferenceEqualityComparer.Instance);
        Owners? owners = null;
        foreach (var entry in changed)
        {
            var path = new List<(INavigation Navigation, ItemName? Item)>();
            var current = entry;
            while (current.Metadata.FindOwnership() is { } ownership)
            {
                var navigation = ownership.PrincipalToDependent!;
                path.Insert(0, (navigation, navigation.IsCollection ? new ItemName(current, AuditPolicy.ItemKey) : null));
                owners ??= new Owners(db);
                if (owners.Find(ownership, current) is not { } owner) break;
                current = owner;
            }
            if (!AuditPolicy.IsAudited(current.Metadata)) continue;
            if (current.State == EntityState.Added && summarized.Contains(current.Metadata.ClrType)) continue;
            if (!aggregates.TryGetValue(current.Entity, out var aggregate))
                aggregates.Add(current.Entity, aggregate = new Aggregate(current));
            aggregate.Add(entry, path);
        }

        var changes = new List<Change>(aggregates.Count);
        foreach (var aggregate in aggregates.Values)
        {
            // An aggregate named by a key the save has yet to get from the database is new or has a new part: it always
            // gives an event, built once the rows are written.
            if (aggregate.AwaitsStoredKeys) changes.Add(new Change(() => aggregate.ToRecord(actor)));
            else if (aggregate.ToRecord(actor) is { } record) changes.Add(new Change(record));
        }
        return changes;
    }

    /// <summary>
    /// An entity's name in an event: taken when the changes are captured, and again once the save has written the row when
    /// a value it is made of was temporary (a key the database generates). <see cref="Captured"/> names it within the save.
    /// </summary>
    private sealed class ItemName(EntityEntry entry, Func<EntityEntry, string> name)
    {
        public string Captured { get; } = name(entry);

        public bool AwaitsStoredKey { get; } = entry.Properties.Any(p => p.IsTemporary);

        public string Stored => AwaitsStoredKey ? name(entry) : Captured;
    }

    /// <summary>Finds the owner of an owned entry by its foreign key among the tracked entries.</summary>
    private sealed class Owners(DbContext db)
    {
        private readonly Dictionary<(IEntityType, string), EntityEntry> _byKey = [];
        private readonly HashSet<IEntityType> _indexed = [];

        public EntityEntry? Find(IForeignKey ownership, EntityEntry owned)
        {
            var principal = ownership.PrincipalEntityType;
            if (_indexed.Add(principal))
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Metadata == principal))
                    _byKey.TryAdd((principal, Key(entry, ownership.PrincipalKey.Properties)), entry);
            return _byKey.GetValueOrDefault((principal, Key(owned, ownership.Properties)));
        }

        private static string Key(EntityEntry entry, IReadOnlyList<IProperty> properties) =>
            string.Join("\u001f", properties.Select(p => AuditPolicy.Value(entry, p)?.ToString()));
    }

    private sealed class Aggregate(EntityEntry root)
    {
        private readonly EntityState _state = root.State;
        private readonly ItemName _id = new(root, AuditPolicy.EntityId);
        private readonly Dictionary<string, Item> _items = [];
        private readonly List<Item> _order = [];
        private readonly List<string> _reasons = [];
        private bool _ownedChanged;

        public bool AwaitsStoredKeys => _id.AwaitsStoredKey || _order.Exists(i => i.Path.Exists(p => p.Item is { AwaitsStoredKey: true }));

        public void Add(EntityEntry entry, List<(INavigation Navigation, ItemName? Item)> path)
        {
            if (path.Exists(p => AuditPolicy.IsOmitted(p.Navigation)))
            {
                // Omitted from before/after, but its reason is the event's.
                _ownedChanged = true;
                if (entry.State == EntityState.Added) TakeReasons(entry, entry.Metadata.GetProperties());
                return;
            }
            if (path.Count > 0) _ownedChanged = true;
            if (path.Count > 0 && AuditPolicy.IsRedacted(path[^1].Navigation))
            {
                // A personal part as a whole (a member's person id): only that it changed.
                var parent = ItemAt(path[..^1]);
                var name = Name(path[^1].Navigation.Name);
                if (entry.State != EntityState.Added) parent.Before[name] = AuditPolicy.RedactedValue;
                if (entry.State != EntityState.Deleted) parent.After[name] = AuditPolicy.RedactedValue;
                parent.Modified = true;
                return;
            }

            var item = ItemAt(path);
            var shown = AuditPolicy.Shown(entry.Metadata).ToList();
            switch (entry.State)
            {
                case EntityState.Added:
                    item.Added = true;
                    foreach (var p in shown)
                        if (entry.Property(p).CurrentValue is { } value)
                        {
                            item.After[Name(p.Name)] = AuditPolicy.Format(p, value);
                            item.RawAfter[Name(p.Name)] = value;
                        }
                    TakeReasons(entry, shown);
                    break;
                case EntityState.Deleted:
                    item.Deleted = true;
                    foreach (var p in shown)
                        if (entry.Property(p).OriginalValue is { } value)
                        {
                            item.Before[Name(p.Name)] = AuditPolicy.Format(p, value);
                            item.RawBefore[Name(p.Name)] = value;
                        }
                    break;
                default:
                    item.Modified = true;
                    foreach (var p in shown)
                    {
                        var property = entry.Property(p);
                        if (!property.IsModified) continue;
                        var (before, after) = (AuditPolicy.Format(p, property.OriginalValue), AuditPolicy.Format(p, property.CurrentValue));
                        if (AuditPolicy.IsRedacted(p) ? SameValue(property.OriginalValue, property.CurrentValue) : JsonNode.DeepEquals(before, after)) continue;
                        item.Before[Name(p.Name)] = before;
                        item.After[Name(p.Name)] = after;
                    }
                    TakeReasons(entry, shown.Where(p => entry.Property(p).IsModified));
                    break;
            }
        }

        private void TakeReasons(EntityEntry entry, IEnumerable<IProperty> properties)
        {
            foreach (var p in properties)
                if (AuditPolicy.ReasonProperties.Contains(p.Name) && entry.Property(p).CurrentValue is string { Length: > 0 } reason && !_reasons.Contains(reason))
                    _reasons.Add(reason);
        }

        private Item ItemAt(IReadOnlyList<(INavigation Navigation, ItemName? Item)> path)
        {
            var key = string.Join("\u001f", path.Select(p => p.Navigation.Name + "\u001e" + p.Item?.Captured));
            if (!_items.TryGetValue(key, out var item))
            {
                _items.Add(key, item = new Item([.. path]));
                _order.Add(item);
            }
            return item;
        }

        public AuditRecord? ToRecord(string actor)
        {
            var before = new JsonObject();
            var after = new JsonObject();
            // Collections that gained too many items this save are counted, not listed.
            var counted = _order.Where(i => i.Path.Count > 0 && i.Added && !i.Deleted && i.Path[^1].Item is not null)
                .GroupBy(i => string.Join("\u001f", i.Path.Select(p => p.Navigation.Name + "\u001e" + p.Item?.Captured).SkipLast(1).Append(i.Path[^1].Navigation.Name)))
                .Where(g => g.Count() > MaxItemsListed)
                .ToDictionary(g => g.Key, g => g.ToList());
            var skipped = counted.Values.SelectMany(g => g).ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var group in counted.Values)
            {
                var first = group[0];
                Object(after, first.Path.Take(first.Path.Count - 1), create: true)![Name(first.Path[^1].Navigation.Name) + "Added"] = group.Count;
            }

            foreach (var item in _order)
            {
                if (skipped.Contains(item)) continue;
                // A replaced item (removed and added again under the same key) shows as what differs.
                if (item.Added && item.Deleted)
                    foreach (var name in item.Before.Keys.ToList())
                        if (item.After.TryGetValue(name, out var now) && JsonNode.DeepEquals(item.Before[name], now)
                            && (!Equals(now?.ToString(), AuditPolicy.RedactedValue) || SameValue(item.RawBefore[name], item.RawAfter[name])))
                        {
                            item.Before.Remove(name);
                            item.After.Remove(name);
                        }
                if (item.Before.Count > 0) Set(before, item.Path, item.Before);
                if (item.After.Count > 0) Set(after, item.Path, item.After);
            }

            var action = _state switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "changed",
            };
            if (action == "changed" && before.Count == 0 && after.Count == 0 && !_ownedChanged && _reasons.Count == 0) return null;
            return new AuditRecord(actor, action, AuditPolicy.EntityType(root.Metadata), _id.Stored,
                before.Count == 0 ? null : before.ToJsonString(AuditPolicy.Json),
                after.Count == 0 ? null : after.ToJsonString(AuditPolicy.Json),
                _reasons.Count == 0 ? null : string.Join("; ", _reasons));
        }

        private static void Set(JsonObject target, List<(INavigation Navigation, ItemName? Item)> path, Dictionary<string, JsonNode?> values)
        {
            var node = Object(target, path, create: true)!;
            foreach (var (name, value) in values) node[name] = value?.DeepClone();
        }

        private static JsonObject? Object(JsonObject target, IEnumerable<(INavigation Navigation, ItemName? Item)> path, bool create)
        {
            var node = target;
            foreach (var (navigation, item) in path)
            {
                node = Child(node, Name(navigation.Name));
                if (item is not null) node = Child(node, item.Stored);
            }
            return node;

            JsonObject Child(JsonObject parent, string name)
            {
                if (parent[name] is JsonObject existing) return existing;
                var child = new JsonObject();
                if (create) parent[name] = child;
                return child;
            }
        }
    }

    private sealed class Item(List<(INavigation Navigation, ItemName? Item)> path)
    {
        public List<(INavigation Navigation, ItemName? Item)> Path { get; } = path;
        public Dictionary<string, JsonNode?> Before { get; } = [];
        public Dictionary<string, JsonNode?> After { get; } = [];
        /// <summary>The values themselves, to tell whether a replaced item's redacted values changed.</summary>
        public Dictionary<string, object> RawBefore { get; } = [];
        public Dictionary<string, object> RawAfter { get; } = [];
        public bool Added { get; set; }
        public bool Deleted { get; set; }
        public bool Modified { get; set; }
    }

    private static bool SameValue(object? a, object? b) =>
        a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);

    private static string Name(string member) => JsonNamingPolicy.CamelCase.ConvertName(member);
}
