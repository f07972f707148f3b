using Lims.Cli;

return await LimsCli.RunAsync(args, Console.Out, Console.Error);
