// The namespace every aggregate and value object builds on, imported once.
global using PolicyApi.Domain.Common;

// A text property declares its length ([MaxLength(TextLimits.…)]) where it is defined; the column takes it from there.
global using System.ComponentModel.DataAnnotations;
