using System.Text;
using Medulla.Cli;

// UTF-8 both ways whatever the locale says: environment variables are UTF-8 bytes, and `fw printenv`
// must print them as fw_printenv does and `fw setenv -s -` read them back unchanged. Standard output is
// buffered rather than written line by line, and flushed at the end.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdin = new StreamReader(Console.OpenStandardInput(), utf8);
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8);
int status = MedullaCli.Run(args, stdin, stdout, stderr);
try
{
    stdout.Dispose();
}
catch (IOException)
{
    // The reader went away (`medulla fw printenv | head -1`): what it did not read is not an error.
}
return status;
