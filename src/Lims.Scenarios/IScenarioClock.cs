namespace Lims.Scenarios;

/// <summary>
/// How a scenario lets the server's time pass where the server times a step (an inactivation's minimum run): a test host
/// moves its clock, a simulator against a real server waits or arranges it in its own way.
/// </summary>
public interface IScenarioClock
{
    /// <summary>Runs <paramref name="step"/> once <paramref name="duration"/> has passed on the server's clock.</summary>
    Task AfterAsync(TimeSpan duration, Func<Task> step);
}
