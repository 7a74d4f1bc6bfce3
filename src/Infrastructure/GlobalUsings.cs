// The namespaces nearly every persistence file needs, imported once (the generated migrations keep their own).
global using Microsoft.EntityFrameworkCore;
global using PolicyApi.Domain.Common;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
