// The namespace every aggregate and value object builds on, imported once.
global using PolicyApi.Domain.Common;
