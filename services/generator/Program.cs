using Attune.Generator.Extensions;
using Attune.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGeneratorServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGeneratorServices();
app.RunService();

/// <summary>The generator service's entry point; public so tests can host it.</summary>
public partial class Program;
