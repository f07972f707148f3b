using Lims.Infrastructure.Jobs;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;

namespace Lims.Infrastructure.Tests.Jobs;

public class HostLogProviderTests
{
    [Fact]
    public void Messages_reach_the_host_s_loggers_while_it_lives()
    {
        var sink = new Sink();
        using var factory = LoggerFactory.Create(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        var log = new HostLogProvider(factory).GetLogger("Hangfire.Server");

        Assert.True(log.Log(HangfireLevel.Warn, () => "worker stopped"));
        Assert.Equal(["Hangfire.Server: worker stopped"], sink.Lines);
    }

    [Fact]
    public void After_the_host_is_disposed_loggers_are_still_handed_out_and_messages_are_dropped()
    {
        var sink = new Sink();
        var factory = LoggerFactory.Create(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        var provider = new HostLogProvider(factory);
        var earlier = provider.GetLogger("Hangfire.Client");
        factory.Dispose();

        Assert.Throws<ObjectDisposedException>(() => factory.CreateLogger("Hangfire.Client")); // what Hangfire's own provider would do
        var later = provider.GetLogger("Hangfire.RecurringJobManager");
        Assert.False(later.Log(HangfireLevel.Error, () => "lost"));
        earlier.Log(HangfireLevel.Error, () => "after disposal");
        Assert.DoesNotContain(sink.Lines, l => l.Contains("lost"));
    }

    private sealed class Sink : ILoggerProvider, ILogger
    {
        public List<string> Lines { get; } = [];
        private string category = "";
        public ILogger CreateLogger(string categoryName) => new Sink { category = categoryName, parent = this };
        private Sink? parent;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => (parent ?? this).Lines.Add($"{category}: {formatter(state, exception)}");
        public void Dispose() { }
    }
}
