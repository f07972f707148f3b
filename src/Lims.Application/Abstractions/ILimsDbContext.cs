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
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Abstractions;

/// <summary>The narrow view of the database that use cases work with (no generic repository).</summary>
public interface ILimsDbContext
{
    DbSet<Tube> Tubes { get; }
    DbSet<Submitter> Submitters { get; }
    DbSet<Submission> Submissions { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<Box> Boxes { get; }
    DbSet<InactivationBatch> InactivationBatches { get; }
    DbSet<Plate> Plates { get; }
    DbSet<RegisteredKit> Kits { get; }
    DbSet<PlateRun> PlateRuns { get; }
    DbSet<RunFile> RunFiles { get; }
    DbSet<RecallCase> RecallCases { get; }
    DbSet<BarcodeAllocation> BarcodeAllocations { get; }
    DbSet<StaffUser> StaffUsers { get; }
    /// <summary>Sign-in attempts per account and origin, counted in one statement each (<see cref="SignInFailures"/>); not audited.</summary>
    DbSet<SignInFailures> SignInFailures { get; }
    DbSet<PlateReview> PlateReviews { get; }
    DbSet<ReleasedTube> ReleasedTubes { get; }
    /// <summary>The audit trail: read it; events are appended by the database layer and <see cref="IAuditTrail"/>, never changed.</summary>
    DbSet<AuditEvent> AuditEvents { get; }
    DbSet<AuditChainHead> AuditChainHead { get; }
    DbSet<WebhookSubscription> WebhookSubscriptions { get; }
    DbSet<WebhookDelivery> WebhookDeliveries { get; }
    DbSet<PublicHealthNotification> PublicHealthNotifications { get; }
    DbSet<Features.Lookup.LookupRow> LookupRows { get; }

    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }

    /// <summary>For a transaction around set-based statements (<c>ExecuteUpdate</c>) and the audit event that sums them up.</summary>
    Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
