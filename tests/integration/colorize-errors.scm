; Failures change nothing: a file that is not a model, and a call without a drawable.
(let* ((image (make-page PRECISION-U8-NON-LINEAR))
       (source (page-layer image))
       (before-samples (samples source))
       (not-a-model (string-append test-dir "/lib.scm")))
  (check "a file that is not a model fails"
         (fails? (lambda ()
                   (plug-in-colorize-manga #:run-mode RUN-NONINTERACTIVE #:image image
                                           #:drawables (vector source) #:model not-a-model))))
  (check-unchanged image source before-samples)
  (check "a call without a drawable fails"
         (fails? (lambda ()
                   (plug-in-colorize-manga #:run-mode RUN-NONINTERACTIVE #:image image
                                           #:drawables (vector)))))
  (check-unchanged image source before-samples)
  (gimp-image-delete image))
(done)
