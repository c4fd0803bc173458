using Attune.ServiceDefaults;
using Attune.Trainer.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrainerServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapTrainerServices();
app.RunService();

/// <summary>The trainer service's entry point; public so tests can host it.</summary>
public partial class Program;
