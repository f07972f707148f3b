using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Lims.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide: each host sets it to its own logger factory. A process that hosts more than
/// one (the API tests start a host per test class, in parallel) would otherwise have Hangfire ask a disposed factory
/// for a logger and fail to start. Loggers are made through the host's factory while it lives; once it is disposed,
/// Hangfire's messages are dropped instead of failing the caller.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(factory);

    public ILog GetLogger(string name)
    {
        try { return new Guarded(inner.GetLogger(name)); }
        catch (ObjectDisposedException) { return Guarded.Nowhere; }
    }

    private sealed class Guarded(ILog? log) : ILog
    {
        public static readonly Guarded Nowhere = new(null);

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (log is null) return false;
            try { return log.Log(logLevel, messageFunc, exception); }
            catch (ObjectDisposedException) { return false; }
        }
    }
}
