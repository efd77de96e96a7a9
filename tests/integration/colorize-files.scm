; The files procedure colorizes a folder without an image open: a broken page is reported and
; counted, the good pages still come out; a model that does not load fails the whole call.
(let ((colored (string-append work-dir "/colored")))
  (let ((page (make-page PRECISION-U8-NON-LINEAR)))
    (export-png page (string-append work-dir "/page-1.png"))
    (export-png page (string-append work-dir "/page-2.png"))
    (gimp-image-delete page))
  (write-text-file (string-append work-dir "/page-3-broken.png") "not an image")

  (let ((counts (plug-in-colorize-manga-files #:run-mode RUN-NONINTERACTIVE
                                              #:input-folder work-dir
                                              #:output-folder colored)))
    (display counts) (newline)
    (check "two pages colorized, one failed, none already in color" (equal? counts '(2 1 0))))
  (let ((out (gimp-file-load RUN-NONINTERACTIVE (string-append colored "/page-1.png"))))
    (check "page 1 came out in color" (= (gimp-image-get-base-type out) RGB))
    (check "page 1 kept its size" (and (= (gimp-image-get-width out) 128)
                                       (= (gimp-image-get-height out) 96)))
    (gimp-image-delete out))
  (check "page 2 came out" (file-exists? (string-append colored "/page-2.png")))
  (check "the broken page has no output" (not (file-exists? (string-append colored "/page-3-broken.png"))))

  (check "a model that does not load fails the batch"
         (fails? (lambda ()
                   (plug-in-colorize-manga-files #:run-mode RUN-NONINTERACTIVE
                                                 #:input-files (list (string-append work-dir "/page-1.png"))
                                                 #:output-folder colored
                                                 #:model (string-append test-dir "/lib.scm"))))))
(done)
