; GIMP found the plug-in and registered its procedure.
(check "plug-in-colorize-manga is registered" (gimp-pdb-procedure-exists "plug-in-colorize-manga"))
(done)
