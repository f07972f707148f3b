using System.Text;
using Lims.Domain.Common;
using Lims.Application.Abstractions;
using Lims.Domain.Assays;
using Lims.Domain.Audit;
using Lims.Domain.Inactivation;
using Lims.Domain.Labels;
using Lims.Domain.Plates;
using Lims.Domain.Pools.Recall;
using Lims.Domain.PublicHealth;
using Lims.Domain.Receiving;
using Lims.Domain.Results;
using Lims.Domain.Reviews;
using Lims.Domain.Runs;
using Lims.Domain.Staff;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
using Lims.Domain.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Lims.Infrastructure.Persistence.Configurations;
using Lims.Infrastructure.Security;

namespace Lims.Infrastructure.Persistence;

/// <summary>
/// The one database of Lims, on SQLite, PostgreSQL or SQL Server, and the unit of work of a use case. A save hands the
/// domain events of its aggregates to their reactions first (<paramref name="events"/>; none at design time and in
/// tools), in the save's transaction: the reactions' changes are saved with their cause, or none of them is. Personal text
/// columns are encrypted with <paramref name="personalText"/> (none at design time: the columns are mapped, and nothing
/// personal can be read or written).
/// </summary>
public sealed class LimsDbContext(DbContextOptions<LimsDbContext> options, IDomainEventDispatcher? events = null, PersonalTextCipher? personalText = null)
    : DbContext(options), ILimsDbContext, IDataProtectionKeyContext
{
    /// <summary>The cipher of the personal text columns; the model is cached per its <see cref="PersonalTextCipher.Fingerprint"/>.</summary>
    internal PersonalTextCipher PersonalText { get; } = personalText ?? PersonalTextCipher.Unkeyed;

    private bool _dispatching;
    private int _savepoints;

    public DbSet<Tube> Tubes => Set<Tube>();
    public DbSet<Submitter> Submitters => Set<Submitter>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Box> Boxes => Set<Box>();
    public DbSet<InactivationBatch> InactivationBatches => Set<InactivationBatch>();
    public DbSet<Plate> Plates => Set<Plate>();
    public DbSet<RegisteredKit> Kits => Set<RegisteredKit>();
    public DbSet<PlateRun> PlateRuns => Set<PlateRun>();
    public DbSet<RunFile> RunFiles => Set<RunFile>();
    public DbSet<RecallCase> RecallCases => Set<RecallCase>();
    public DbSet<BarcodeAllocation> BarcodeAllocations => Set<BarcodeAllocation>();
    public DbSet<StaffUser> StaffUsers => Set<StaffUser>();
    public DbSet<SignInFailures> SignInFailures => Set<SignInFailures>();
    public DbSet<PlateReview> PlateReviews => Set<PlateReview>();
    public DbSet<ReleasedTube> ReleasedTubes => Set<ReleasedTube>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditChainHead> AuditChainHead => Set<AuditChainHead>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<PublicHealthNotification> PublicHealthNotifications => Set<PublicHealthNotification>();
    public DbSet<Lims.Application.Features.Lookup.LookupRow> LookupRows => Set<Lims.Application.Features.Lookup.LookupRow>();
    /// <summary>ASP.NET Core's data-protection key ring (staff bearer tokens), shared by every replica of the API.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // A reaction that saves (issuing a barcode range does) saves plainly: its events are taken by the loop below.
        if (events is null || _dispatching) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var raised = TakeDomainEvents();
        if (raised.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var transaction = Database.CurrentTransaction!;
        // In a transaction begun by someone else, a failed save must take back what its reactions wrote (some write with
        // SQL of their own, which EF's savepoint around the save itself would not cover) and leave the rest usable.
        var savepoint = own is null ? $"lims_events_{++_savepoints}" : null;
        if (savepoint is not null) await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        try
        {
            _dispatching = true;
            try
            {
                for (; raised.Count > 0; raised = TakeDomainEvents()) await events.DispatchAsync(raised, cancellationToken);
            }
            finally
            {
                _dispatching = false;
            }
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return written;
        }
        catch when (savepoint is not null)
        {
            await transaction.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            throw;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (events is not null && ChangeTracker.Entries<AggregateRoot>().Any(e => e.Entity.DomainEvents.Count > 0))
            throw new InvalidOperationException("Aggregates that raised domain events are saved with SaveChangesAsync, which dispatches them.");
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private List<IDomainEvent> TakeDomainEvents()
    {
        List<IDomainEvent> raised = [];
        foreach (var entry in ChangeTracker.Entries<AggregateRoot>()) raised.AddRange(entry.Entity.TakeDomainEvents());
        return raised;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type: times are stored as UTC Unix milliseconds so they compare and sort in SQL.
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LimsDbContext).Assembly);
        // Order barcodes are ASCII and only ever looked up by equality: on PostgreSQL their unique index compares bytes
        // ("C") rather than through the database's locale, which halves its cost on the recall bulk path (a day's
        // ~260,000 members). Equality is the same under any deterministic collation.
        if (Database.IsNpgsql())
            modelBuilder.Entity<RecallCase>().OwnsMany(c => c.Members).Property(m => m.OrderBarcode).UseCollation("C");
        PersonalColumns.Encrypt(modelBuilder, PersonalText);
        UseSnakeCaseColumns(modelBuilder);
    }

    /// <summary>Columns in snake_case on every provider, so the bulk writers' SQL reads the same everywhere.</summary>
    private static void UseSnakeCaseColumns(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                if (!IsSharedKey(property) && property.GetColumnName() is var name && name != name.ToLowerInvariant())
                    property.SetColumnName(SnakeCase(name));

        // An owned type stored in its owner's table (a member's person id) shares the owner's key columns.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties().Where(IsSharedKey))
            {
                var principalKey = entity.FindOwnership()!.PrincipalKey.Properties;
                var index = entity.FindPrimaryKey()!.Properties.ToList().IndexOf(property);
                property.SetColumnName(principalKey[index].GetColumnName());
            }
    }

    private static bool IsSharedKey(Microsoft.EntityFrameworkCore.Metadata.IMutableProperty property) =>
        property.IsPrimaryKey() && property.DeclaringType is Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entity
        && entity.FindOwnership() is { } ownership && ownership.PrincipalEntityType.GetTableName() == entity.GetTableName();

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_') sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}

public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(v => ToDb(v), v => FromDb(v))
{
    public static long ToDb(DateTimeOffset value) => value.ToUnixTimeMilliseconds();
    public static DateTimeOffset FromDb(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);
}
