using System.Runtime.InteropServices;
using HyperDrive.Fluent.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: cancel cleanly (trials stopped, results written); a second one kills the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

// SIGTERM (a service manager, `timeout`, `kill`) and SIGHUP (the terminal closed) stop the run as Ctrl+C does: every
// trial process tree is killed and the results are written, so nothing is left running re-parented to PID 1. A second
// signal ends the tool at once (the runtime's default), and its exit handler still kills the trials that are left.
void StopOnSignal(PosixSignalContext context)
{
    if (!cancellation.IsCancellationRequested)
    {
        context.Cancel = true;
        cancellation.Cancel();
    }
}

using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOnSignal);
using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, StopOnSignal);

return await HyperDriveCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
