namespace Lims.Domain.Tubes;

/// <summary>How soon a result is due after collection.</summary>
public enum Priority
{
    /// <summary>Fever clinic, emergency: 6 hours.</summary>
    Emergency,
    /// <summary>Outpatients and inpatients: 12 hours.</summary>
    Routine,
    /// <summary>Mass screening: 24 hours.</summary>
    Screening,
}

public static class PriorityExtensions
{
    public static TimeSpan Turnaround(this Priority priority) => priority switch
    {
        Priority.Emergency => TimeSpan.FromHours(6),
        Priority.Routine => TimeSpan.FromHours(12),
        Priority.Screening => TimeSpan.FromHours(24),
    };
}
