; Fine-tune Colorize Manga… from its dialog, stopped with Cancel in the training window (see
; drive-dialogs.sh): the model trained so far is kept in the user's models folder and colorizes.
(let ((page (make-page PRECISION-U8-NON-LINEAR)))
  (gimp-image-convert-rgb page)
  (paint page (page-layer page) "#e03030" (rectangle 16 16 48 64))
  (gimp-selection-none page)
  (export-png page (string-append work-dir "/p1.png"))
  (export-png page (string-append work-dir "/p2.png"))
  (gimp-image-delete page))

(let ((model (string-append gimp-directory "/colorize-manga/models/From-the-dialog.mcm")))
  ; 100,000 steps take hours: the script gets past this call (and to DONE) only because Cancel
  ; stopped the run and the second Escape closed the training window.
  (plug-in-colorize-manga-finetune #:run-mode RUN-INTERACTIVE #:colored-pages work-dir
                                   #:model-name "From the dialog" #:steps 100000)
  (check "the model trained so far is kept" (file-exists? model))
  (let ((image (make-page PRECISION-U8-NON-LINEAR)))
    (plug-in-colorize-manga #:run-mode RUN-NONINTERACTIVE #:image image
                            #:drawables (vector (page-layer image)) #:model model)
    (check "the kept model colorizes" (= (vector-length (gimp-image-get-layers image)) 2))))
(done)
