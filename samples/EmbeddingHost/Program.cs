using CodeStream.Integrations.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCodeStreamSlackIntegration(builder.Configuration);

var app = builder.Build();
app.MapCodeStreamSlackEndpoints();
app.Run();
