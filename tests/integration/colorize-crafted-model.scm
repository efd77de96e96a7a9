; A shared model file whose settings declare a giant network (run-gimp.sh --model): the filter
; and the batch procedure refuse it and change nothing.
(let* ((image (make-page PRECISION-U8-NON-LINEAR))
       (source (page-layer image))
       (before-samples (samples source))
       (colored (string-append work-dir "/colored")))
  (check "the filter refuses the crafted model"
         (fails? (lambda () (colorize image source))))
  (check-unchanged image source before-samples)

  (export-png image (string-append work-dir "/pages/page-1.png"))
  (check "the batch procedure refuses the crafted model"
         (fails? (lambda ()
                   (plug-in-colorize-manga-files #:run-mode RUN-NONINTERACTIVE
                                                 #:input-folder (string-append work-dir "/pages")
                                                 #:output-folder colored))))
  (check "no page was written" (not (file-exists? (string-append colored "/page-1.png"))))
  (gimp-image-delete image))
(done)
