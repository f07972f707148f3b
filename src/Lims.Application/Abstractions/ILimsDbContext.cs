using Lims.Domain.Assays;
using Lims.Domain.Inactivation;
using Lims.Domain.Labels;
using Lims.Domain.Plates;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Receiving;
using Lims.Domain.Results;
using Lims.Domain.Reviews;
using Lims.Domain.Runs;
using Lims.Domain.Staff;
using Lims.Domain.Submitters;
using Lims.Domain.Tubes;
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
    DbSet<PlateReview> PlateReviews { get; }
    DbSet<ReleasedTube> ReleasedTubes { get; }

    Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }

    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
